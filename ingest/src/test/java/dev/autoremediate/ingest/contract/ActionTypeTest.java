package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionTypeTest {

    @Test
    void retryAndRetryWithConfigAreRetries() {
        assertThat(ActionType.RETRY.isRetry()).isTrue();
        assertThat(ActionType.RETRY_WITH_CONFIG.isRetry()).isTrue();
    }

    @Test
    void noRetryAndEscalateAreNotRetries() {
        assertThat(ActionType.NO_RETRY.isRetry()).isFalse();
        assertThat(ActionType.ESCALATE.isRetry()).isFalse();
    }

    @Test
    void theActionTypesAreTheFourOfContractV1() {
        assertThat(ActionType.values()).extracting(Enum::name)
                .containsExactly("RETRY", "RETRY_WITH_CONFIG", "NO_RETRY", "ESCALATE");
    }

    @Test
    void theDecisionStatusesAreTheSevenOfContractV1() {
        assertThat(DecisionStatus.values()).extracting(Enum::name).containsExactly("PROPOSED", "PENDING_APPROVAL",
                "APPLIED", "REJECTED", "SUCCEEDED", "FAILED", "DRY_RUN");
    }
}
