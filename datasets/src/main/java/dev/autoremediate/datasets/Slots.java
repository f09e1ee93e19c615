package dev.autoremediate.datasets;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generated values of failure templates ({@code {$name}} or {@code {$name:arg}}). Masked forms ({@code <host>},
 * {@code <ip>}, {@code <id>}, {@code <path>}, {@code <user>}) appear as often as concrete ones, because corpora of
 * posted errors are masked and live events are not. The list of slots is in {@code corpora/README.md}.
 */
final class Slots {

    private static final List<String> DBS = List.of("prod", "analytics", "raw", "staging", "dw", "events", "sales", "ml");
    private static final List<String> TABLES = List.of("sessions", "page_views", "orders_daily", "user_dim", "clicks_v2",
            "inventory_snapshot", "payments", "device_events", "ad_impressions", "customer_360", "date_dim", "fact_sales");
    private static final List<String> COLUMNS = List.of("user_id", "event_ts", "amount", "country_code", "session_id",
            "sku", "price", "dt", "device_type", "order_id", "revenue", "created_at");
    private static final List<String> USER_CLASSES = List.of("com.acme.etl.SessionAggregator", "com.example.jobs.DailyRollup",
            "org.company.pipeline.EnrichEvents", "io.shop.analytics.OrdersJob", "com.acme.ml.FeatureBuilder",
            "net.media.reports.WeeklyReport", "com.bank.risk.ScoreCalculator");
    private static final List<String> SCALA_FILES = List.of("SessionAggregator.scala", "DailyRollup.scala",
            "EnrichEvents.scala", "Main.scala", "FeatureBuilder.scala", "Job.scala");
    private static final List<String> PY_FILES = List.of("etl_job.py", "main.py", "features.py", "transform.py", "daily_report.py",
            "pipeline/steps.py");
    private static final List<String> BUCKETS = List.of("data-lake-prod", "acme-warehouse", "raw-events", "ml-features", "logs-archive");
    private static final List<String> TOPICS = List.of("clickstream", "orders", "telemetry", "payments-events", "user-activity");
    private static final List<String> USERS = List.of("<user>", "etl", "svc_airflow", "hadoop", "spark", "jdoe", "analytics");

    private static final Map<String, List<String>> FRAMES = Map.ofEntries(
            Map.entry("spark", List.of(
                    "org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2672)",
                    "org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2608)",
                    "org.apache.spark.scheduler.DAGScheduler.abortStage(DAGScheduler.scala:2607)",
                    "org.apache.spark.scheduler.DAGScheduler.handleTaskSetFailed(DAGScheduler.scala:1182)",
                    "org.apache.spark.scheduler.DAGSchedulerEventProcessLoop.onReceive(DAGScheduler.scala:2860)",
                    "org.apache.spark.util.EventLoop$$anon$1.run(EventLoop.scala:49)",
                    "org.apache.spark.SparkContext.runJob(SparkContext.scala:2303)",
                    "org.apache.spark.rdd.RDD.collect(RDD.scala:1021)",
                    "org.apache.spark.sql.Dataset.collectFromPlan(Dataset.scala:4333)",
                    "org.apache.spark.sql.execution.SparkPlan.executeCollect(SparkPlan.scala:461)")),
            Map.entry("task", List.of(
                    "org.apache.spark.scheduler.ResultTask.runTask(ResultTask.scala:93)",
                    "org.apache.spark.scheduler.ShuffleMapTask.runTask(ShuffleMapTask.scala:104)",
                    "org.apache.spark.scheduler.Task.run(Task.scala:141)",
                    "org.apache.spark.executor.Executor$TaskRunner.$anonfun$run$4(Executor.scala:620)",
                    "org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:623)",
                    "org.apache.spark.rdd.RDD.computeOrReadCheckpoint(RDD.scala:367)",
                    "org.apache.spark.rdd.RDD.iterator(RDD.scala:331)",
                    "org.apache.spark.rdd.MapPartitionsRDD.compute(MapPartitionsRDD.scala:52)",
                    "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
                    "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
                    "java.lang.Thread.run(Thread.java:750)")),
            Map.entry("sql", List.of(
                    "org.apache.spark.sql.catalyst.analysis.CheckAnalysis.checkAnalysis0(CheckAnalysis.scala:156)",
                    "org.apache.spark.sql.catalyst.analysis.Analyzer.executeAndCheck(Analyzer.scala:221)",
                    "org.apache.spark.sql.execution.QueryExecution.$anonfun$analyzed$1(QueryExecution.scala:77)",
                    "org.apache.spark.sql.SparkSession.sql(SparkSession.scala:638)",
                    "org.apache.spark.sql.Dataset$.ofRows(Dataset.scala:98)",
                    "org.apache.spark.sql.catalyst.rules.RuleExecutor.execute(RuleExecutor.scala:211)")),
            Map.entry("io", List.of(
                    "java.io.FileOutputStream.writeBytes(Native Method)",
                    "java.io.BufferedOutputStream.flushBuffer(BufferedOutputStream.java:82)",
                    "org.apache.spark.storage.DiskBlockObjectWriter.write(DiskBlockObjectWriter.scala:310)",
                    "org.apache.spark.util.collection.ExternalSorter.spillMemoryIteratorToDisk(ExternalSorter.scala:278)",
                    "org.apache.hadoop.fs.FSDataOutputStream$PositionCache.write(FSDataOutputStream.java:62)",
                    "java.io.DataOutputStream.write(DataOutputStream.java:107)")),
            Map.entry("hadoop", List.of(
                    "org.apache.hadoop.mapred.YarnChild$2.run(YarnChild.java:174)",
                    "java.security.AccessController.doPrivileged(Native Method)",
                    "javax.security.auth.Subject.doAs(Subject.java:422)",
                    "org.apache.hadoop.security.UserGroupInformation.doAs(UserGroupInformation.java:1878)",
                    "org.apache.hadoop.mapred.YarnChild.main(YarnChild.java:168)",
                    "org.apache.hadoop.mapred.MapTask.runNewMapper(MapTask.java:799)",
                    "org.apache.hadoop.mapred.MapTask.run(MapTask.java:347)",
                    "org.apache.hadoop.ipc.Client.call(Client.java:1476)",
                    "org.apache.hadoop.hdfs.DFSClient.create(DFSClient.java:1200)")),
            Map.entry("hive", List.of(
                    "org.apache.hadoop.hive.ql.Driver.execute(Driver.java:2200)",
                    "org.apache.hadoop.hive.ql.Driver.runInternal(Driver.java:1843)",
                    "org.apache.hadoop.hive.ql.exec.tez.TezProcessor.run(TezProcessor.java:250)",
                    "org.apache.tez.runtime.LogicalIOProcessorRuntimeTask.run(LogicalIOProcessorRuntimeTask.java:374)",
                    "org.apache.hadoop.hive.ql.exec.tez.MapRecordProcessor.run(MapRecordProcessor.java:419)",
                    "org.apache.hive.service.cli.operation.SQLOperation.runQuery(SQLOperation.java:235)")),
            Map.entry("flink", List.of(
                    "org.apache.flink.runtime.executiongraph.failover.flip1.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:138)",
                    "org.apache.flink.runtime.scheduler.DefaultScheduler.handleTaskFailure(DefaultScheduler.java:301)",
                    "org.apache.flink.runtime.taskmanager.Task.doRun(Task.java:779)",
                    "org.apache.flink.runtime.taskmanager.Task.run(Task.java:566)",
                    "org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:751)",
                    "org.apache.flink.runtime.rpc.akka.AkkaRpcActor.handleRpcMessage(AkkaRpcActor.java:217)",
                    "org.apache.flink.runtime.jobmaster.JobMaster.updateTaskExecutionState(JobMaster.java:443)")),
            Map.entry("netty", List.of(
                    "io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead(AbstractChannelHandlerContext.java:379)",
                    "io.netty.channel.nio.NioEventLoop.processSelectedKeys(NioEventLoop.java:493)",
                    "io.netty.channel.nio.NioEventLoop.run(NioEventLoop.java:497)",
                    "org.apache.spark.network.client.TransportResponseHandler.handle(TransportResponseHandler.java:190)",
                    "org.apache.spark.network.server.TransportChannelHandler.channelRead0(TransportChannelHandler.java:142)",
                    "io.netty.util.concurrent.SingleThreadEventExecutor$4.run(SingleThreadEventExecutor.java:986)")),
            Map.entry("trino", List.of(
                    "io.trino.execution.SqlTaskManager.updateTask(SqlTaskManager.java:512)",
                    "io.trino.memory.QueryContext.updateUserMemory(QueryContext.java:180)",
                    "io.trino.operator.Driver.processInternal(Driver.java:398)",
                    "io.trino.execution.SqlQueryExecution.start(SqlQueryExecution.java:421)")),
            Map.entry("s3", List.of(
                    "com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleErrorResponse(AmazonHttpClient.java:1879)",
                    "com.amazonaws.http.AmazonHttpClient$RequestExecutor.executeOneRequest(AmazonHttpClient.java:1418)",
                    "com.amazonaws.services.s3.AmazonS3Client.invoke(AmazonS3Client.java:5445)",
                    "org.apache.hadoop.fs.s3a.S3AFileSystem.getObjectMetadata(S3AFileSystem.java:2250)",
                    "org.apache.hadoop.fs.s3a.Invoker.retry(Invoker.java:372)",
                    "software.amazon.awssdk.core.internal.http.pipeline.stages.RetryableStage.execute(RetryableStage.java:86)")),
            Map.entry("user", List.of(
                    "com.acme.etl.SessionAggregator$$anonfun$run$1.apply(SessionAggregator.scala:88)",
                    "com.example.jobs.DailyRollup.main(DailyRollup.scala:41)",
                    "org.company.pipeline.EnrichEvents.lambda$process$0(EnrichEvents.java:57)",
                    "scala.collection.Iterator$$anon$10.next(Iterator.scala:461)",
                    "org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage1.processNext(Unknown Source)",
                    "org.apache.spark.sql.execution.BufferedRowIterator.hasNext(BufferedRowIterator.java:43)")));

    private static final List<String> NOISE = List.of(
            "INFO SparkContext: Running Spark version {v}",
            "INFO DAGScheduler: Submitting {n} missing tasks from ShuffleMapStage {n}",
            "INFO TaskSetManager: Starting task {n}.0 in stage {n}.0 (TID {n}) ({h}, executor {n}, partition {n}, PROCESS_LOCAL, 7890 bytes)",
            "INFO BlockManagerInfo: Added broadcast_{n}_piece0 in memory on {h}:{n} (size: 35.2 KiB, free: 4.1 GiB)",
            "INFO YarnClientSchedulerBackend: Application application_{n}_{n} has started running.",
            "INFO MemoryStore: Block broadcast_{n} stored as values in memory (estimated size 412.7 KiB, free 2004.3 MiB)",
            "INFO CodeGenerator: Code generated in {n}.4 ms",
            "INFO FileSourceStrategy: Pushed Filters: IsNotNull(dt)",
            "INFO ContextCleaner: Cleaned accumulator {n}",
            "INFO mapreduce.Job:  map {n}% reduce 0%",
            "INFO org.apache.flink.runtime.checkpoint.CheckpointCoordinator - Triggering checkpoint {n} for job {x}.",
            "INFO org.apache.hadoop.hive.ql.Driver: Executing command(queryId=hive_{n}_{x})",
            "INFO client.RMProxy: Connecting to ResourceManager at {h}:8032",
            "WARN util.NativeCodeLoader: Unable to load native-hadoop library for your platform... using builtin-java classes where applicable",
            "INFO ShutdownHookManager: Shutdown hook called",
            "INFO SparkUI: Stopped Spark web UI at http://{h}:4040");

    private Slots() {
    }

    static String value(String name, String arg, SplittableRandom r) {
        return switch (name) {
            case "n" -> String.valueOf(range(arg, 1, 500, r));
            case "big" -> String.valueOf(1_000_000 + r.nextInt(2_000_000_000));
            case "gb" -> String.format(Locale.ROOT, "%.1f", 1 + r.nextInt(60) + r.nextInt(10) / 10.0);
            case "mb" -> String.valueOf(256 * (1 + r.nextInt(64)));
            case "size" -> size(r);
            case "host" -> host(r);
            case "ip" -> r.nextInt(3) == 0 ? "<ip>" : ip(r);
            case "port" -> String.valueOf(List.of(7337, 8020, 9083, 36821, 45123, 40001, 9000).get(r.nextInt(7)));
            case "path" -> path(r);
            case "table" -> pick(DBS, r) + "." + pick(TABLES, r);
            case "tbl" -> pick(TABLES, r);
            case "db" -> pick(DBS, r);
            case "col" -> pick(COLUMNS, r);
            case "id" -> r.nextInt(3) == 0 ? "<id>" : uuid(r);
            case "hex" -> hex(r, range(arg, 8, 16, r));
            case "app" -> "application_" + (1_600_000_000_000L + r.nextInt(100_000_000)) + "_" + String.format(Locale.ROOT, "%04d", r.nextInt(9999));
            case "container" -> String.format(Locale.ROOT, "container_%s%d_%04d_01_%06d", r.nextBoolean() ? "e" + r.nextInt(99) + "_" : "",
                    1_600_000_000_000L + r.nextInt(100_000_000), r.nextInt(9999), r.nextInt(999));
            case "attempt" -> String.format(Locale.ROOT, "attempt_%d_%04d_%s_%06d_%d", 1_600_000_000_000L + r.nextInt(100_000_000),
                    r.nextInt(9999), r.nextBoolean() ? "m" : "r", r.nextInt(999), r.nextInt(4));
            case "stage" -> r.nextInt(300) + "." + r.nextInt(3);
            case "exec" -> String.valueOf(1 + r.nextInt(200));
            case "ts" -> timestamp(r);
            case "user" -> pick(USERS, r);
            case "class" -> pick(USER_CLASSES, r);
            case "scalafile" -> pick(SCALA_FILES, r);
            case "pyfile" -> pick(PY_FILES, r);
            case "bucket" -> pick(BUCKETS, r);
            case "topic" -> pick(TOPICS, r) + "-" + r.nextInt(12);
            case "pod" -> pick(List.of("spark", "etl", "job"), r) + "-" + hex(r, 8) + "-exec-" + (1 + r.nextInt(60));
            case "ns" -> pick(List.of("spark", "data-jobs", "etl", "default", "analytics"), r);
            case "version" -> pick(List.of("3.5.1", "3.3.2", "3.4.0", "2.4.8", "3.1.3", "3.2.1"), r);
            case "func" -> pick(List.of("count", "save", "collect", "saveAsTable", "insertInto", "parquet", "foreachPartition",
                    "mapPartitions", "run", "showString"), r);
            case "frames" -> frames(arg == null ? "spark" : arg, r);
            case "noise" -> noise(r, arg == null ? 2 : Integer.parseInt(arg));
            default -> throw new IllegalArgumentException("unknown slot $" + name);
        };
    }

    private static int range(String arg, int from, int to, SplittableRandom r) {
        if (arg != null) {
            String[] bounds = arg.split("-");
            from = Integer.parseInt(bounds[0]);
            to = Integer.parseInt(bounds[bounds.length - 1]);
        }
        return from + r.nextInt(to - from + 1);
    }

    private static String pick(List<String> values, SplittableRandom r) {
        return values.get(r.nextInt(values.size()));
    }

    private static String size(SplittableRandom r) {
        double v = 1 + r.nextInt(4000) / 10.0;
        String unit = pick(List.of("GB", "GiB", "MB", "MiB"), r);
        return String.format(Locale.ROOT, "%.1f %s", v, unit);
    }

    private static String host(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> "<host>";
            case 2 -> "ip-" + r.nextInt(256) + "-" + r.nextInt(256) + "-" + r.nextInt(256) + "-" + r.nextInt(256) + ".ec2.internal";
            case 3 -> "worker-" + r.nextInt(300) + ".prod.example.com";
            case 4 -> "node" + r.nextInt(90) + ".hadoop.local";
            default -> "10.0." + r.nextInt(256) + "." + r.nextInt(256);
        };
    }

    private static String ip(SplittableRandom r) {
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private static String path(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> "<path>";
            case 1 -> "s3://" + pick(BUCKETS, r) + "/" + pick(TABLES, r) + "/dt=2026-11-" + (10 + r.nextInt(18)) + "/part-0000" + r.nextInt(9) + ".parquet";
            case 2 -> "hdfs://nameservice1/user/hive/warehouse/" + pick(DBS, r) + ".db/" + pick(TABLES, r);
            case 3 -> "/data/" + pick(DBS, r) + "/" + pick(TABLES, r) + "/_temporary/0";
            default -> "abfss://lake@acct.dfs.core.windows.net/" + pick(TABLES, r);
        };
    }

    private static String uuid(SplittableRandom r) {
        return hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12);
    }

    private static String hex(SplittableRandom r, int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    private static String timestamp(SplittableRandom r) {
        int h = r.nextInt(24);
        int m = r.nextInt(60);
        int s = r.nextInt(60);
        return switch (r.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "%02d/%02d/%02d %02d:%02d:%02d ", 16 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28), h, m, s);
            case 1 -> String.format(Locale.ROOT, "20%02d-%02d-%02d %02d:%02d:%02d,%03d ", 16 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28), h, m, s, r.nextInt(1000));
            case 2 -> String.format(Locale.ROOT, "[20%02d-%02d-%02d %02d:%02d:%02d] ", 16 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28), h, m, s);
            default -> "";
        };
    }

    private static String frames(String kind, SplittableRandom r) {
        var sb = new StringBuilder();
        for (String k : kind.split("\\+")) {
            List<String> pool = FRAMES.get(k);
            if (pool == null) {
                throw new IllegalArgumentException("unknown frames '" + k + "'");
            }
            int start = r.nextInt(pool.size());
            int count = 1 + r.nextInt(Math.min(5, pool.size()));
            String indent = r.nextBoolean() ? "\tat " : "        at ";
            for (int i = 0; i < count; i++) {
                sb.append('\n').append(indent).append(pool.get((start + i) % pool.size()));
            }
        }
        if (r.nextInt(3) == 0) {
            sb.append("\n\t... ").append(5 + r.nextInt(60)).append(" more");
        }
        return sb.toString();
    }

    private static String noise(SplittableRandom r, int max) {
        int count = r.nextInt(max + 1);
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String line = pick(NOISE, r).replace("{v}", value("version", null, r)).replace("{h}", host(r)).replace("{x}", hex(r, 16));
            while (line.contains("{n}")) {
                line = line.replaceFirst("\\{n}", String.valueOf(r.nextInt(900)));
            }
            sb.append(timestamp(r)).append(line).append('\n');
        }
        return sb.toString();
    }
}
