package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Realistic error text with secrets in it, as Spark, Hadoop, JDBC drivers and cloud SDKs print them. The values are
 * made up (AWS's documented example keys and the like) but have the real shapes.
 */
class SecretRedactorTest {

    private final SecretRedactor redactor = SecretRedactor.DEFAULT;

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE",
                        "com.amazonaws.services.s3.model.AmazonS3Exception: The AWS Access Key Id you provided does not "
                                + "exist in our records. (Service: Amazon S3; Status Code: 403; Error Code: "
                                + "InvalidAccessKeyId; AWS Access Key: AKIAIOSFODNN7EXAMPLE)"),
                Arguments.of("aws-access-key-id", "ASIAY34FZKBOKMUTVV7A",
                        "botocore.exceptions.ClientError: An error occurred (ExpiredToken) for key ASIAY34FZKBOKMUTVV7A"),
                Arguments.of("aws-secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "Unable to load credentials from ~/.aws/credentials: aws_secret_access_key = "
                                + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY is not valid for this account"),
                Arguments.of("aws-secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "Configuration: fs.s3a.secret.key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY fs.s3a.endpoint=s3"),
                Arguments.of("gcp-api-key", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
                        "googleapiclient.errors.HttpError: <HttpError 400 when requesting https://bigquery.googleapis.com/"
                                + "bigquery/v2/projects/p/jobs?key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&alt=json "
                                + "returned \"API key not valid\">"),
                Arguments.of("private-key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
                        "java.io.IOException: Error reading credential file from environment variable "
                                + "GOOGLE_APPLICATION_CREDENTIALS, value '{\"type\": \"service_account\", \"private_key\": "
                                + "\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n"
                                + "-----END PRIVATE KEY-----\\n\"}': Invalid PKCS#8 data."),
                Arguments.of("private-key", "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi",
                        "ssh: handshake failed\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\n"
                                + "Z1ufZUJc9QeBJ3gqyV\n-----END RSA PRIVATE KEY-----\nexit status 255"),
                Arguments.of("private-key", "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi",
                        "key material (cut off): -----BEGIN OPENSSH PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi"),
                Arguments.of("azure-account-key", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
                        "org.apache.hadoop.fs.azure.AzureException: StorageException with connection string "
                                + "DefaultEndpointsProtocol=https;AccountName=prodlake;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net"),
                Arguments.of("azure-sas-signature", "a3fhGl2%2FfTGE0z5gGOGXw1c%3D",
                        "Server failed to authenticate the request: https://prodlake.blob.core.windows.net/raw/x.parquet"
                                + "?sv=2022-11-02&ss=b&srt=co&sp=r&se=2026-12-01&sig=a3fhGl2%2FfTGE0z5gGOGXw1c%3D"),
                Arguments.of("jwt", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJldGwtc2VydmljZSIsImV4cCI6MTcwMDAwMDAwMH0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                        "io.fabric8.kubernetes.client.KubernetesClientException: Unauthorized with token "
                                + "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJldGwtc2VydmljZSIsImV4cCI6MTcwMDAwMDAwMH0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                Arguments.of("bearer-token", "ya29.a0AfB_byC3xq9Lm2Zt7Qk5Vw",
                        "HTTP 401 from https://airflow.internal/api/v1/dags: request header Authorization: Bearer "
                                + "ya29.a0AfB_byC3xq9Lm2Zt7Qk5Vw"),
                Arguments.of("basic-auth", "ZXRsOmh1bnRlcjI=",
                        "POST /api/v1/dags/etl/dagRuns failed: 403, headers {Authorization: Basic ZXRsOmh1bnRlcjI=}"),
                Arguments.of("github-token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                        "fatal: could not read from https://github.com: token ghp_16C7e42F292c6912E7710c838347Ae178B4a rejected"),
                Arguments.of("url-password", "s3cr3t!Pass",
                        "org.postgresql.util.PSQLException: Connection to jdbc:postgresql://etl_user:s3cr3t!Pass@db.internal:5432/warehouse refused."),
                Arguments.of("url-password", "Hunter2Hunter2",
                        "java.sql.SQLException: Cannot create PoolableConnectionFactory (jdbc:mysql://root:Hunter2Hunter2@10.0.0.5:3306/hive)"),
                Arguments.of("jdbc-password", "tiger123",
                        "java.sql.SQLRecoverableException: IO Error: The Network Adapter could not establish the connection "
                                + "(jdbc:oracle:thin:scott/tiger123@//ora.internal:1521/ORCL)"),
                Arguments.of("secret-value", "p@ssw0rd-2026",
                        "org.postgresql.util.PSQLException: FATAL: password authentication failed, url "
                                + "jdbc:postgresql://db.internal:5432/warehouse?user=etl&password=p@ssw0rd-2026&ssl=true"),
                Arguments.of("secret-value", "Spr1ngW1nter",
                        "com.microsoft.sqlserver.jdbc.SQLServerException: Login failed for user 'etl'. "
                                + "jdbc:sqlserver://mssql.internal:1433;databaseName=dw;user=etl;password=Spr1ngW1nter;encrypt=true"),
                Arguments.of("secret-value", "hunter2",
                        "Caused by: javax.jdo.JDOFatalDataStoreException: Unable to open a test connection; "
                                + "javax.jdo.option.ConnectionPassword=hunter2"),
                Arguments.of("secret-value", "correct horse battery",
                        "yaml: connection settings {host: db, password: \"correct horse battery\", port: 5432} rejected"),
                Arguments.of("secret-value", "Sup3rS3cret",
                        "Config dump: spark.ssl.keyStorePassword: Sup3rS3cret"),
                Arguments.of("secret-value", "8f2e5c1a9d7b4e3f",
                        "ValueError: bad request {\"client_id\": \"etl\", \"client_secret\": \"8f2e5c1a9d7b4e3f\"}"),
                Arguments.of("slack-token", "xoxb-1234567890-0987654321-AbCdEfGhIjKl",
                        "SlackApiError: invalid_auth for xoxb-1234567890-0987654321-AbCdEfGhIjKl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void a_secret_in_error_text_is_replaced_by_a_marker_naming_its_kind(String kind, String secret, String text) {
        SecretRedactor.Result result = redactor.redact(text);

        assertThat(result.text()).doesNotContain(secret).contains("[redacted " + kind + "]");
        assertThat(result.found()).containsKey(kind);
        assertThat(result.summary()).contains(kind + " x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redacting_twice_changes_nothing_more(String kind, String secret, String text) {
        String once = redactor.clean(text);
        SecretRedactor.Result twice = redactor.redact(once);

        assertThat(twice.text()).isEqualTo(once);
        assertThat(twice.redacted()).isFalse();
    }

    @Test
    void the_shortest_secrets_are_still_found_and_shorter_text_is_left_alone() {
        assertThat(SecretRedactor.MIN_SECRET_CHARS).isEqualTo(5);
        for (String shortest : new String[] {"pwd=a", "PWD:a", "pwd=é"}) {
            assertThat(shortest).hasSize(SecretRedactor.MIN_SECRET_CHARS);
            assertThat(redactor.redact(shortest).redacted()).as(shortest).isTrue();
            assertThat(redactor.redactConfigValue("spark.some.option", shortest).redacted()).as(shortest).isTrue();
        }
        for (String shorter : new String[] {"pw=a", "4g", "true", "t=ab", ":a@b"}) {
            assertThat(redactor.redact(shorter).text()).isEqualTo(shorter);
            assertThat(redactor.redact(shorter).redacted()).isFalse();
        }
        // a config key that names a secret still hides even the shortest value
        assertThat(redactor.redactConfigValue("spark.ssl.keyPassword", "ab").text()).isEqualTo("[redacted config-secret]");
    }

    @Test
    void the_text_around_a_secret_is_kept() {
        String text = "Connection to jdbc:postgresql://etl_user:s3cr3t@db.internal:5432/warehouse refused.";

        assertThat(redactor.clean(text))
                .isEqualTo("Connection to jdbc:postgresql://etl_user:[redacted url-password]@db.internal:5432/warehouse refused.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "java.sql.SQLException: Access denied for user 'etl'@'10.0.0.5' (using password: YES)",
        "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"etl\"",
        "org.apache.spark.sql.catalyst.parser.ParseException: Unexpected token: ')' (line 1, pos 42)",
        "com.fasterxml.jackson.core.JsonParseException: Unrecognized token 'abc': was expecting (JSON String, Number)",
        "com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: "
                + "[EnvironmentVariableCredentialsProvider: Unable to load AWS credentials from environment variables]",
        "java.lang.IllegalArgumentException: AWS Access Key ID and Secret Access Key must be specified as the username "
                + "or password (respectively) of a s3n URL, or by setting the fs.s3n.awsAccessKeyId properties",
        "org.apache.hadoop.security.AccessControlException: Client cannot authenticate via:[TOKEN, KERBEROS]",
        "Token has expired: delegation token HDFS_DELEGATION_TOKEN owner=etl",
        "MountVolume.SetUp failed for volume \"creds\" : secret \"spark-s3-creds\" not found",
        "Job aborted due to stage failure: Task 12 in stage 3.0 failed 4 times: java.lang.OutOfMemoryError: Java heap space",
        "Container killed by YARN for exceeding memory limits. 9.5 GB of 9 GB physical memory used. "
                + "Consider boosting spark.executor.memoryOverhead.",
        "FetchFailedException: Failed to connect to ip-10-0-4-17.ec2.internal/10.0.4.17:7337",
        "PWD=/home/etl HOME=/home/etl SPARK_HOME=/opt/spark",
        "Caused by: java.io.FileNotFoundException: https://prodlake.blob.core.windows.net/raw/x.parquet?comp=list",
        "password: ******** (masked)",
        "spark.hadoop.fs.s3a.secret.key=${S3_SECRET_KEY}"})
    void normal_error_text_is_untouched(String text) {
        SecretRedactor.Result result = redactor.redact(text);

        assertThat(result.text()).isEqualTo(text);
        assertThat(result.redacted()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"API_KEY = s3cr3tValue42", "session-key: 'abcDEF123456'", "\"password\" : \"hunter2hunter2\"",
            "db.passwd=Tr0ub4dor&3", "encryption.key\t=\tQmFzZTY0U2VjcmV0", "auth_token: eyXabc123def456",
            "Signing.Key=\"k-9f8e7d6c\"", "connect failed, pwd=Zx81!pw9"})
    void a_value_whose_key_ends_with_a_secret_word_is_redacted_however_the_key_is_written(String text) {
        SecretRedactor.Result result = redactor.redact("error: " + text + " while connecting");

        assertThat(result.found()).containsKey("secret-value");
        assertThat(result.text()).contains("[redacted secret-value]").doesNotContain(text.substring(text.length() - 6));
    }

    @Test
    void a_config_value_is_redacted_whole_when_its_key_names_a_secret() {
        assertThat(redactor.redactConfigValue("spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI/K7MDENG").text())
                .isEqualTo("[redacted config-secret]");
        assertThat(redactor.redactConfigValue("spark.ssl.keyPassword", "changeit").text())
                .isEqualTo("[redacted config-secret]");
        assertThat(redactor.redactConfigValue("spark.hadoop.fs.azure.account.key.prodlake.blob.core.windows.net",
                "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq").text())
                .isEqualTo("[redacted config-secret]");
        assertThat(redactor.redactConfigValue("spark.hadoop.javax.jdo.option.ConnectionPassword", "hunter2").found())
                .containsEntry("config-secret", 1);
    }

    @Test
    void a_config_value_of_an_ordinary_key_keeps_all_but_the_secrets_inside_it() {
        assertThat(redactor.redactConfigValue("spark.executor.memory", "8g").text()).isEqualTo("8g");
        assertThat(redactor.redactConfigValue("spark.authenticate", "true").text()).isEqualTo("true");
        assertThat(redactor.redactConfigValue("spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:mysql://hive:Hunter2Hunter2@metastore:3306/hive").text())
                .isEqualTo("jdbc:mysql://hive:[redacted url-password]@metastore:3306/hive");
        assertThat(redactor.redactConfigValue("spark.hadoop.fs.s3a.secret.key", "${S3_SECRET}").redacted()).isFalse();
    }

    @Test
    void a_fifty_megabyte_text_is_redacted_in_linear_time() {
        String filler = "a".repeat(25 * 1024 * 1024);
        String text = filler + " AKIAIOSFODNN7EXAMPLE password=hunter2 " + filler;

        long started = System.nanoTime();
        SecretRedactor.Result result = redactor.redact(text);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.found()).containsKeys("aws-access-key-id", "secret-value");
        // a quadratic pattern would take hours on this input; linear takes about a second on a busy shared core
        assertThat(millis).as("ms for 50 MB").isLessThan(60_000);
    }
}
