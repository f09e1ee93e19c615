package dev.autoremediate.sandbox;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The child JVM: runs one {@link SparkJob} in local mode with the configuration given as {@code key=value}
 * arguments, prints {@code SANDBOX-RESULT ok} on success and exits 0. On failure it writes the throwable (class,
 * message, full stack trace) to the report file when it can, and rethrows, so the JVM prints
 * {@code Exception in thread "main" …} on stderr and exits 1, as a real driver does.
 *
 * <p>Usage: {@code SparkJobMain JOB REPORT_FILE key=value…}
 */
public final class SparkJobMain {

    private SparkJobMain() {
    }

    public static void main(String[] args) throws Throwable {
        SparkJob job = SparkJob.valueOf(args[0]);
        Path report = Path.of(args[1]);
        SparkConf conf = new SparkConf().setAppName(job.jobId());
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            conf.set(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try (SparkSession spark = SparkSession.builder().config(conf).getOrCreate()) {
            long result = run(job, spark);
            System.out.println("SANDBOX-RESULT ok " + result);
        } catch (Throwable t) {
            try {
                writeReport(report, t);
            } catch (Throwable ignored) {
                // out of memory, typically: the launcher reads stderr instead
            }
            throw t;
        }
    }

    static long run(SparkJob job, SparkSession spark) {
        return switch (job) {
            case DRIVER_OOM -> {
                // 850,000 rows of ~300 characters collected to the driver: fails at 512m, fits in 768m
                long n = spark.sparkContext().getConf().getLong("spark.sandbox.rows", 850_000);
                List<Row> rows = spark.range(0, n, 1, 8)
                        .select(col("id"), expr("repeat(concat(cast(id as string), '-session-'), 20) as payload"))
                        .collectAsList();
                yield rows.size();
            }
            case MAX_RESULT_SIZE -> {
                // hex SHA-256 of 12,000 ids, twice: ~1.5 MB of serialized results
                List<Row> rows = spark.range(0, 12_000, 1, 6)
                        .select(expr("sha2(cast(id as string), 256) as h"), expr("sha2(cast(id * 7 as string), 256) as g"))
                        .collectAsList();
                yield rows.size();
            }
            case KRYO_BUFFER -> {
                // aggregate clones its zero value with the configured serializer, in the driver: 1.5 MB for Kryo
                var sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                JavaRDD<Integer> ids = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4);
                byte[] zero = new byte[1_500_000];
                new Random(42).nextBytes(zero);
                byte[] folded = ids.aggregate(zero, (acc, id) -> {
                    acc[id] ^= (byte) id.intValue();
                    return acc;
                }, (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] ^= b[i];
                    }
                    return a;
                });
                yield folded.length;
            }
            case BROADCAST_TIMEOUT -> {
                spark.udf().register("slow_lookup", (UDF1<Long, Long>) id -> {
                    Thread.sleep(100);
                    return id % 10;
                }, DataTypes.LongType);
                // the dimension side: 130 rows at 100 ms each in one partition, ~13 s: over the timeout of 12 s by
                // sleeping alone, and 11 s under the fix's 24 s for Spark's own work on a busy machine
                Dataset<Row> dims = spark.range(0, 130, 1, 1).selectExpr("id as dim_id", "slow_lookup(id) as region");
                Dataset<Row> facts = spark.range(0, 200_000, 1, 4).selectExpr("id % 130 as dim_id", "id as amount");
                // the region is used, so the slow column cannot be pruned away
                yield facts.join(broadcast(dims), "dim_id").groupBy("region").agg(sum("amount")).collectAsList().size();
            }
            case TABLE_NOT_FOUND -> spark.sql("SELECT order_id, amount FROM sales.daily_orders WHERE ds = '2026-11-22'")
                    .count();
        };
    }

    private static void writeReport(Path report, Throwable t) throws IOException {
        var props = new Properties();
        props.setProperty("exceptionClass", t.getClass().getName());
        props.setProperty("message", t.getMessage() == null ? "" : t.getMessage());
        var trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        props.setProperty("stackTrace", trace.toString());
        try (OutputStream out = Files.newOutputStream(report)) {
            props.store(out, "sandbox failure report");
        }
    }
}
