package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * One or more hand-written failures per bundled rule, worded differently from the real error corpus (typical
 * messages of the engines, not copies of the samples), with the rule that must decide each. A rule that no case
 * reaches fails {@link #every_rule_of_the_pack_decides_at_least_one_case()}.
 */
class RuleCasesTest {

    /** A failure and the rule that must decide it ({@code null}: no rule may match). */
    record Case(String expectedRuleId, String engine, Integer exitCode, String text) {

        FailureEvent event() {
            return ClassifyTest.event(engine, exitCode, text, null, null, null);
        }

        @Override
        public String toString() {
            return (expectedRuleId == null ? "no rule" : expectedRuleId) + " <- " + engine + ": "
                    + (text.length() > 70 ? text.substring(0, 70) + "..." : text);
        }
    }

    static final List<Case> CASES = List.of(
            new Case("MEM-001", "spark", 1, "Lost task 4.1 in stage 7.0 (TID 311, executor 3): java.lang.OutOfMemoryError: GC overhead limit exceeded"),
            new Case("MEM-002", "spark", 1, "org.apache.spark.memory.SparkOutOfMemoryError: Unable to acquire 262144 bytes of memory, got 0"),
            new Case("MEM-003", "spark", null, "Executor 12 exited with exit code 52"),
            new Case("MEM-004", "mapreduce", null, "Task Id : attempt_1_0001_r_000003_1, Status : FAILED\nError: GC overhead limit exceeded"),
            new Case("MEM-005", "tez", null, "java.lang.OutOfMemoryError: Java heap space\n\tat org.apache.tez.runtime.library.common.sort.impl.dflt.DefaultSorter.<init>(DefaultSorter.java:140)"),
            new Case("MEM-006", "flink", null, "java.lang.OutOfMemoryError: Java heap space\n\tat org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:550)"),
            new Case("MEM-007", "flink", null, "java.lang.OutOfMemoryError: Metaspace. The metaspace out-of-memory error has occurred."),
            new Case("MEM-008", "trino", null, "io.trino.ExceededMemoryLimitException: Query exceeded per-node memory limit of 4GB [Allocated: 3.99GB, Delta: 12MB]"),
            new Case("MEM-010", "spark", null, "Reason: Container killed by YARN for exceeding physical memory limits. 12.4 GB of 12 GB physical memory used."),
            new Case("MEM-010", "spark", null, "The executor with id 4 exited with exit code 137(SIGKILL, possible container OOM)."),
            new Case("MEM-011", "spark", 137, "Command exited with code 137"),
            new Case("MEM-012", "hive", null, "Container [pid=4242,containerID=container_1_0001_01_000002] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used; Killing container."),
            new Case("MEM-013", "flink", null, "Container container_e01_0003_01_000004 is running beyond physical memory limits. Killing container."),
            new Case("MEM-020", "spark", 1, "Total size of serialized results of 96 tasks (1025.4 MB) is bigger than spark.driver.maxResultSize (1024.0 MB)"),
            new Case("MEM-021", "spark", 1, "Exception in thread \"dag-scheduler-event-loop\" java.lang.OutOfMemoryError: Java heap space"),
            new Case("MEM-022", "spark", 1, "Not enough memory to build and broadcast the table to all worker nodes. As a workaround, you can either disable broadcast by setting spark.sql.autoBroadcastJoinThreshold to -1"),
            new Case("MEM-023", "notebook", null, "The spark driver has stopped unexpectedly and is restarting. Your notebook will be automatically reattached."),
            new Case("MEM-024", "flink", null, "Fatal error occurred in the JobManager: java.lang.OutOfMemoryError: Java heap space"),
            new Case("MEM-025", "hive", 3, "FAILED: Execution Error, return code 3 from org.apache.hadoop.hive.ql.exec.mr.MapredLocalTask"),
            new Case("SHF-001", "spark", 1, "org.apache.spark.shuffle.FetchFailedException: Failed to connect to worker-7/10.1.2.3:7337"),
            new Case("SHF-001", "mapreduce", null, "org.apache.hadoop.mapreduce.task.reduce.Shuffle$ShuffleError: error in shuffle in fetcher#3\nCaused by: java.io.IOException: Exceeded MAX_FAILED_UNIQUE_FETCHES; bailing-out."),
            new Case("SHF-002", "spark", 1, "org.apache.spark.shuffle.MetadataFetchFailedException: Missing an output location for shuffle 4 partition 17"),
            new Case("SHF-003", "spark", 1, "org.apache.spark.shuffle.FetchFailedException: Too large frame: 2717145611"),
            new Case("SHF-004", "spark", 1, "org.apache.spark.shuffle.FetchFailedException: failed to allocate 16777216 byte(s) of direct memory\nio.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s) of direct memory"),
            new Case("SHF-005", "spark", 1, "java.io.IOException: Stream is corrupted\n\tat net.jpountz.lz4.LZ4BlockInputStream.refill\n\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.next"),
            new Case("EXL-001", "spark", null, "ExecutorLostFailure (executor 7 exited unrelated to the running tasks) Reason: Container marked as failed on a lost node"),
            new Case("EXL-002", "spark", null, "ExecutorLostFailure (executor 2 exited unrelated to the running tasks) Reason: Executor decommission: spot instance termination notice"),
            new Case("EXL-003", "spark", null, "ExecutorLostFailure (executor 9 exited caused by one of the running tasks) Reason: Executor heartbeat timed out after 129432 ms"),
            new Case("EXL-004", "spark", null, "Container exited with a non-zero exit code 50"),
            new Case("IO-001", "spark", 1, "com.amazonaws.services.s3.model.AmazonS3Exception: Please reduce your request rate. (Service: Amazon S3; Status Code: 503; Error Code: SlowDown)"),
            new Case("IO-001", "spark", 1, "java.io.IOException: Error accessing gs://bucket/x: 429 Too Many Requests"),
            new Case("IO-002", "spark", 1, "java.net.SocketTimeoutException: Read timed out\n\tat java.net.SocketInputStream.socketRead0(Native Method)"),
            new Case("IO-003", "hive", 1, "MetaException(message:Could not connect to meta store using any of the URIs provided. Most recent failure: org.apache.thrift.transport.TTransportException)"),
            new Case("IO-004", "spark", 1, "org.apache.hadoop.hdfs.BlockMissingException: Could not obtain block: BP-1:blk_1073 file=/data/events/part-0001"),
            new Case("DSK-001", "spark", 1, "java.io.IOException: No space left on device\n\tat java.io.FileOutputStream.writeBytes(Native Method)"),
            new Case("DSK-002", "hive", 1, "org.apache.hadoop.hdfs.protocol.DSQuotaExceededException: The DiskSpace quota of /user/etl is exceeded: quota = 1099511627776 B"),
            new Case("DSK-003", "spark", null, "The node was low on resource: ephemeral-storage. Container spark-kubernetes-executor was using 21Gi, which exceeds its request of 0. Pod evicted."),
            new Case("SER-001", "spark", 1, "com.esotericsoftware.kryo.KryoException: Buffer overflow. Available: 0, required: 24"),
            new Case("SER-002", "spark", 1, "Serialized task 12:0 was 214748364 bytes, which exceeds max allowed: spark.rpc.message.maxSize (134217728 bytes)"),
            new Case("SER-003", "spark", 1, "Caused by: java.io.NotSerializableException: com.acme.HttpClient"),
            new Case("SER-004", "spark", 1, "_pickle.PicklingError: Could not serialize object: TypeError: cannot pickle '_thread.RLock' object"),
            new Case("TMO-001", "spark", 1, "org.apache.spark.SparkException: Could not execute broadcast in 300 secs. You can increase the timeout for broadcasts via spark.sql.broadcastTimeout"),
            new Case("TMO-002", "spark", 1, "org.apache.spark.rpc.RpcTimeoutException: Futures timed out after [120 seconds]. This timeout is controlled by spark.rpc.askTimeout"),
            new Case("TMO-003", "spark", 13, "java.lang.IllegalStateException: User did not initialize spark context! SparkContext did not initialize after waiting for 100000 ms."),
            new Case("TMO-004", "spark", 1, "org.apache.kafka.common.errors.TimeoutException: Topic events not present in metadata after 60000 ms."),
            new Case("TMO-005", "mapreduce", null, "AttemptID:attempt_1_0001_m_000003_0 Timed out after 300 secs"),
            new Case("QTA-001", "spark", null, "pods \"etl-exec-5\" is forbidden: exceeded quota: team-quota, requested: limits.memory=9Gi, used: limits.memory=90Gi, limited: limits.memory=96Gi"),
            new Case("QTA-002", "spark", null, "org.apache.hadoop.yarn.exceptions.InvalidResourceRequestException: Invalid resource request, requested memory < 0, or requested memory > max configured"),
            new Case("QTA-003", "spark", null, "Application is added to the scheduler and is not yet activated. Queue's AM resource limit exceeded."),
            new Case("QTA-003", "trino", null, "io.trino.spi.TrinoException: Query killed because the cluster is out of memory. Please try again in a few minutes."),
            new Case("QTA-004", "spark", null, "0/12 nodes are available: 12 Insufficient memory."),
            new Case("QTA-004", "flink", null, "org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException: Could not acquire the minimum required resources."),
            new Case("USR-001", "spark", 1, "org.apache.spark.SparkException: [FAILED_EXECUTE_UDF] Failed to execute user defined function (`parse_ts`: (string) => timestamp)"),
            new Case("USR-002", "spark", 1, "java.lang.StackOverflowError\n\tat java.io.ObjectInputStream.readObject0(ObjectInputStream.java:1431)"),
            new Case("USR-003", "spark", 1, "org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n  File \"etl.py\", line 12, in enrich\nKeyError: 'user_id'"),
            new Case("USR-004", "spark", 1, "java.lang.NullPointerException\n\tat com.acme.etl.Enricher.apply(Enricher.scala:42)"),
            new Case("USR-005", "spark", 15, "Final app status: FAILED, exitCode: 15, (reason: User class threw exception: java.lang.IllegalStateException: partition dt=2026-11-01 is empty)"),
            new Case("SQL-001", "spark", 1, "org.apache.spark.sql.AnalysisException: Found duplicate column(s) in the data schema: `id`"),
            new Case("SQL-002", "spark", 1, "org.apache.spark.sql.catalyst.analysis.NoSuchTableException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `web`.`clicks` cannot be found."),
            new Case("SQL-002", "trino", null, "io.trino.spi.TrinoException: line 1:15: Table 'hive.web.clicks' does not exist"),
            new Case("SQL-003", "spark", 1, "org.apache.spark.sql.AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `usr_id` cannot be resolved."),
            new Case("SQL-004", "spark", 1, "org.apache.spark.sql.catalyst.parser.ParseException: [PARSE_SYNTAX_ERROR] Syntax error at or near 'FORM'."),
            new Case("PRM-001", "hive", 1, "org.apache.hadoop.security.AccessControlException: Permission denied: user=etl, access=WRITE, inode=\"/warehouse/web.db\""),
            new Case("PRM-002", "spark", 1, "Operation failed: \"This request is not authorized to perform this operation.\", 403, HEAD, https://acct.dfs.core.windows.net/data"),
            new Case("PRM-003", "spark", 1, "javax.security.auth.login.LoginException: Unable to obtain password from user"),
            new Case("PRM-003", "spark", 1, "com.amazonaws.services.s3.model.AmazonS3Exception: The AWS Access Key Id you provided does not exist in our records. (Error Code: InvalidAccessKeyId)"),
            new Case("SCH-001", "spark", 1, "Parquet column cannot be converted in file s3://lake/part-0.parquet. Column: [amount], Expected: decimal(18,2), Found: DOUBLE"),
            new Case("SCH-002", "spark", 1, "java.lang.RuntimeException: s3://lake/part-0001.parquet is not a Parquet file. Expected magic number at tail [80, 65, 82, 49]"),
            new Case("SCH-003", "spark", 1, "org.apache.spark.SparkDateTimeException: [CAST_INVALID_INPUT] The value '2024-13-45' of the type \"STRING\" cannot be cast to \"DATE\" because it is malformed."),
            new Case("SCH-004", "spark", 1, "java.io.FileNotFoundException: File does not exist: hdfs://nn/lake/part-0003.parquet\nIt is possible the underlying files have been updated."),
            new Case("DEP-001", "spark", 1, "java.lang.RuntimeException: java.lang.ClassNotFoundException: Class org.apache.hadoop.fs.s3a.S3AFileSystem not found"),
            new Case("DEP-002", "spark", 1, "java.lang.NoSuchMethodError: 'void com.google.common.base.Preconditions.checkArgument(boolean, java.lang.String, java.lang.Object)'"),
            new Case("DEP-003", "spark", 1, "Traceback (most recent call last):\n  File \"job.py\", line 3, in <module>\nModuleNotFoundError: No module named 'pyarrow'"),
            new Case("DEP-004", "spark", 1, "org.apache.hadoop.fs.UnsupportedFileSystemException: No FileSystem for scheme \"s3\""),
            new Case(null, "spark", 1, "Job aborted due to stage failure: Task 3 in stage 2.0 failed 4 times, most recent failure: Lost task 3.3 in stage 2.0 (TID 88, executor 2): com.acme.ValidationError: row 17 has no key"),
            new Case(null, "flink", 2, "org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy"),
            new Case(null, "hive", 2, "FAILED: Execution Error, return code 2 from org.apache.hadoop.hive.ql.exec.mr.MapRedTask"));

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void each_case_is_decided_by_its_rule(Case c) {
        RuleOutcome outcome = BundledPack.get().classify(c.event());

        assertThat(outcome.best().map(RuleMatch::ruleId).orElse(null))
                .as("fired %s", outcome.matches().stream().map(RuleMatch::ruleId).toList())
                .isEqualTo(c.expectedRuleId());
    }

    @Test
    void every_rule_of_the_pack_decides_at_least_one_case() {
        Set<String> decided = CASES.stream().map(Case::expectedRuleId).filter(id -> id != null)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(BundledPack.get().rules()).extracting(RuleInfo::ruleId).allSatisfy(id ->
                assertThat(decided).as("rules with a case").contains(id));
    }
}
