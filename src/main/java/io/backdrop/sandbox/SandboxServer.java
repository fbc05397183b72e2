package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.backdrop.platform.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * An emulator of the documented 1min.ai API on 127.0.0.1: {@code POST /api/assets},
 * {@code POST /api/features} (GPT Image 2 Background Replacer) and the result downloads, checked
 * as the contract says and answered in its shapes, with latency, random and scripted faults, and a
 * credit budget from {@link SandboxSettings}. Uploads and results live in a temporary directory that
 * is deleted on {@link #close()}; memory stays small however many calls it serves.
 *
 * <p>Also answers {@code GET /sandbox/stats} and {@code POST /sandbox/faults} (see {@link AdminRoute})
 * so that a process other than the one that started it can read its counts and script its faults.
 */
public final class SandboxServer implements AutoCloseable {

    /** The Asset API's upload limit for third-party clients: 50 MB (MiB, the lenient reading). */
    public static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    /** Enough threads that every call in flight (most of them sleeping out the latency) has one. */
    private static final int THREADS = 256;
    private static final int CONNECTION_BACKLOG = 1024;
    private static final int RENDER_CACHE_ENTRIES = 512;
    
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Path workDirectory;
    private final URI baseUrl;
    private final SandboxCounters counters;
    private final SandboxFaults faults;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private SandboxServer(HttpServer server, ThreadPoolExecutor executor, Path workDirectory, SandboxCounters counters,
                          SandboxFaults faults) {
        this.server = server;
        this.executor = executor;
        this.workDirectory = workDirectory;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.counters = counters;
        this.faults = faults;
    }

    /** Binds 127.0.0.1 on the settings' port (0 for any free one) and starts serving. */
    public static SandboxServer start(SandboxSettings settings) throws IOException {
        Path workDirectory = Files.createTempDirectory("backdrop-sandbox-");
        HttpServer server = null;
        try {
            server = LoopbackServer.bind(settings.port(), CONNECTION_BACKLOG);
            ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemonThreads("sandbox-http-"));
            executor.allowCoreThreadTimeOut(true);
            SandboxServer sandbox = new SandboxServer(server, executor, workDirectory, new SandboxCounters(), new SandboxFaults());
            sandbox.route(settings);
            server.setExecutor(executor);
            server.start();
            return sandbox;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.stop(0);
            }
            deleteTree(workDirectory);
            throw e;
        }
    }


    private void route(SandboxSettings settings) throws IOException {
        Clock clock = Clock.systemUTC();
        JsonMapper json = JsonMapper.builder().build();
        Replies replies = new Replies(json);
        Random random = new Random(settings.seed());
        RemotePaths paths = new RemotePaths(clock);
        AssetStore assets = new AssetStore(workDirectory.resolve("assets"), paths);
        ResultStore results = new ResultStore();
        RenderCache renders = new RenderCache(workDirectory.resolve("results"), new BackgroundRenderer(new SandboxMark()),
                RENDER_CACHE_ENTRIES, Math.max(1, Runtime.getRuntime().availableProcessors()));
        ResponseBodies bodies = new ResponseBodies(json, baseUrl, clock);
        ApiKeyCheck keys = new ApiKeyCheck(settings.apiKey());
        FaultPicker picker = new FaultPicker(faults, new RandomFaults(settings, random));

        server.createContext(AssetsRoute.PATH, new AssetsRoute(replies, counters, keys, assets, picker, bodies, MAX_UPLOAD_BYTES));
        server.createContext(FeaturesRoute.PATH, new FeaturesRoute(replies, counters, keys, new FeatureCallCheck(assets), picker,
                new GenerationLatency(settings.latency(), settings.jitter(), random), new CreditBudget(settings.creditBudget(), settings.account()),
                renders, results, paths, bodies, settings.renderEachPhoto()));
        server.createContext(DownloadRoute.PREFIX, new DownloadRoute(replies, counters, results, assets, picker));
        server.createContext("/sandbox/", new AdminRoute(replies, this::stats, faults));
        server.createContext("/", new UnknownRoute(replies, counters));
    }

    /** Where the sandbox answers, e.g. {@code http://127.0.0.1:41234}; the client's API base URL. */
    public URI baseUrl() {
        return baseUrl;
    }

    public SandboxStats stats() {
        return counters.snapshot();
    }

    /** Scripted faults for the next calls. */
    public SandboxFaults faults() {
        return faults;
    }

    /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops serving (calls in flight are cut off) and deletes every upload and result. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop(0);
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(workDirectory);
            closed.countDown();
        }
    }

    private static void deleteTree(Path root) {
        try {
            FileSystemUtils.deleteRecursively(root);
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the OS cleans its temp space.
        }
    }

    /** Daemon threads, so a sandbox never keeps a JVM alive by itself. */
    private static ThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }
}
