package dev.autoremediate.remediator.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    @Test
    void numbers_hosts_ids_and_paths_are_replaced_so_that_the_same_failure_groups_together() {
        String a = MessageTemplates.template("Lost task 3.0 in stage 7.0 (TID 41) on host 10.0.0.5:7337 reading "
                + "/data/warehouse/sessions/part-00012.parquet");
        String b = MessageTemplates.template("Lost task 12.1 in stage 9.0 (TID 977) on host 10.2.14.9:7337 reading "
                + "/data/warehouse/events/part-00003.parquet");
        assertThat(a).isEqualTo(b)
                .isEqualTo("Lost task <n> in stage <n> (TID <n>) on host <ip> reading <path>");
    }

    @Test
    void uuids_urls_hex_and_engine_ids_are_replaced() {
        assertThat(MessageTemplates.template("query 3f1c2a9e-1b2c-4d5e-8f90-123456789abc failed at "
                + "s3a://bucket/key/x.csv for application_1700000000000_0042 state 0x2f"))
                .isEqualTo("query <uuid> failed at <url> for <id> state <hex>");
    }

    @Test
    void only_the_first_line_counts_and_different_wordings_stay_apart() {
        assertThat(MessageTemplates.template("Boom 12\n\tat a.b.C(C.java:10)")).isEqualTo("Boom <n>");
        assertThat(MessageTemplates.template("Boom 12")).isNotEqualTo(MessageTemplates.template("Bang 12"));
        assertThat(MessageTemplates.template(null)).isEqualTo("(no message)");
        assertThat(MessageTemplates.template("x".repeat(5000))).hasSizeLessThanOrEqualTo(300);
    }
}
