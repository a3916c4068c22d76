package dev.steepest.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.data.Datasets;
import dev.steepest.data.ImageDataset;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone master and two worker JVMs on 127.0.0.1, started from the jars on this
 * test's class path; one worker is killed mid-run and training must end with exactly the result
 * of an undisturbed run. Minutes long on two cores, so not part of the default test run:
 * {@code mvn -pl spark -am test -Dtest=StandaloneClusterTest -Dsteepest.spark.cluster=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "steepest.spark.cluster", matches = "true")
class StandaloneClusterTest {
    private static final String[] OPENS = {"--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED"};

    private final List<Process> started = new ArrayList<>();

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void trainingSurvivesAKilledWorkerWithNothingLost(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<String> ours = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) || name.startsWith("steepest-")) {
                ours.add(p.toString());
            } else if (name.endsWith(".jar") && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), p);
            }
        }
        int port = freePort();
        try {
            start(dir, home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--webui-port", Integer.toString(freePort()));
            awaitPort(port);
            String url = "spark://127.0.0.1:" + port;
            Process[] workers = new Process[2];
            for (int i = 0; i < 2; i++) {
                workers[i] = start(dir, home, "worker" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                        dir.resolve("work" + i).toString(), url);
            }
            for (int i = 0; i < 2; i++) {
                awaitLine(dir.resolve("worker" + i + ".log"), "Successfully registered with master");
            }
            ImageDataset data = Datasets.shipped();
            Path ckpt = dir.resolve("ckpt");
            SparkTraining.Settings s = new SparkTraining.Settings("default", 2, "sgd", 0.1, 128, 2, "sync", 1, "average",
                    "sign", ckpt, 4, null, 11, 1024, 200);
            SparkConf conf = SparkMain.conf(url)
                    .set("spark.executor.extraClassPath", String.join(File.pathSeparator, ours))
                    .set("spark.executor.memory", "512m")
                    .set("spark.driver.host", "127.0.0.1");
            SparkTraining.Result onCluster;
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("OFF");
                CompletableFuture<SparkTraining.Result> run = CompletableFuture.supplyAsync(() -> SparkTraining.run(sc, s, data, null));
                Path file = ckpt.resolve(SparkTraining.CHECKPOINT_FILE);
                while (!Files.exists(file) && !run.isDone()) {
                    Thread.sleep(100);
                }
                assertFalse(run.isDone(), "the run ended before a worker could be killed");
                workers[1].descendants().forEach(ProcessHandle::destroyForcibly);
                workers[1].destroyForcibly();
                onCluster = run.get(500, TimeUnit.SECONDS);
            }
            awaitLine(dir.resolve("master.log"), "Removing worker");
            SparkTraining.Result undisturbed;
            try (JavaSparkContext sc = new JavaSparkContext(SparkMain.conf("local[2]"))) {
                sc.setLogLevel("OFF");
                undisturbed = SparkTraining.run(sc, new SparkTraining.Settings("default", 2, "sgd", 0.1, 128, 2, "sync", 1,
                        "average", "sign", null, 4, null, 11, 1024, 200), data, null);
            }
            assertEquals(16, onCluster.steps());
            for (int t = 0; t < 4; t++) {
                assertArrayEquals(undisturbed.parameters()[t], onCluster.parameters()[t], Mlp.NAMES.get(t));
            }
            assertTrue(onCluster.curves().get(1).trainLoss() < onCluster.curves().get(0).trainLoss());
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private Process start(Path dir, Path home, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(OPENS));
        cmd.add("-Dspark.master.rest.enabled=false");
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("master did not open port " + port);
    }

    private static void awaitLine(Path log, String text) throws IOException, InterruptedException {
        for (int i = 0; i < 1800; i++) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(log + " never said: " + text);
    }
}
