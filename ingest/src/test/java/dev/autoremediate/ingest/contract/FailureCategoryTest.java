package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FailureCategoryTest {

    @Test
    void exactlyTheThreeMemoryCategoriesAreMemory() {
        assertThat(Arrays.stream(FailureCategory.values()).filter(FailureCategory::isMemory))
                .containsExactlyInAnyOrder(FailureCategory.MEMORY_EXECUTOR_OOM, FailureCategory.MEMORY_OVERHEAD,
                        FailureCategory.MEMORY_DRIVER);
    }

    @Test
    void noOtherCategoryIsMemory() {
        EnumSet<FailureCategory> others = EnumSet.complementOf(EnumSet.of(FailureCategory.MEMORY_EXECUTOR_OOM,
                FailureCategory.MEMORY_OVERHEAD, FailureCategory.MEMORY_DRIVER));

        assertThat(others).isNotEmpty().noneMatch(FailureCategory::isMemory);
    }

    @Test
    void theCategoriesAreTheClosedSetOfContractV1() {
        assertThat(FailureCategory.values()).extracting(Enum::name).containsExactly(
                "MEMORY_EXECUTOR_OOM", "MEMORY_OVERHEAD", "MEMORY_DRIVER", "SHUFFLE_FETCH", "EXECUTOR_LOST",
                "TRANSIENT_IO", "DISK_SPACE", "SERIALIZATION", "TIMEOUT", "RESOURCE_QUOTA", "USER_CODE",
                "SQL_ANALYSIS", "PERMISSION", "DATA_SCHEMA", "DEPENDENCY", "UNKNOWN");
    }
}
