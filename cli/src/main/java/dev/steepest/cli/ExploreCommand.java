package dev.steepest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./steepest explore}: a local page (127.0.0.1 only) to see a step in the plane: the unit and
 * dual balls, t*, the penalized and constrained steps, level sets, and a few steps on a 2-D problem.
 * The page is static HTML/JS/SVG; every number comes from {@link Explorer} through {@code /api/explore}.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Serve an interactive picture of steepest descent on http://127.0.0.1:PORT/ (Ctrl-C stops it)."},
        footer = {"", "Exit codes: 0 stopped; 2 bad input or the port is taken (one line on stderr)."})
public final class ExploreCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8765",
            description = "The port, 1–65535, or 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--open", description = "Also open the page in the desktop's browser.")
    boolean open;

    @Override
    public Integer call() throws Exception {
        HttpServer server = start(port);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        spec.commandLine().getOut().println("steepest explore: serving " + url + "  (Ctrl-C stops it)");
        spec.commandLine().getOut().flush();
        if (open) {
            openBrowser(url);
        }
        new CountDownLatch(1).await();
        return 0;
    }

    /** Starts the server on 127.0.0.1:{@code port}; throws {@link IllegalArgumentException} for a bad or taken port. */
    static HttpServer start(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 (any free port) or 1–65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new IllegalArgumentException("port " + port + " on 127.0.0.1 is not available (" + e.getMessage() + ")");
        }
        server.createContext("/", ExploreCommand::page);
        server.createContext("/api/explore", ExploreCommand::api);
        server.start();
        return server;
    }

    private static void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!name.matches("[a-z0-9-]+\\.(html|js|css)")) {
            send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = ExploreCommand.class.getResourceAsStream("/explore/" + name)) {
            if (in == null) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
            send(ex, 200, type + "; charset=utf-8", in.readAllBytes());
        }
    }

    private static void api(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        byte[] body;
        int code;
        try {
            body = MAPPER.writeValueAsBytes(Explorer.answer(q));
            code = 200;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            body = MAPPER.writeValueAsBytes(Map.of("error", Main.oneLine(e.getMessage())));
            code = 400;
        }
        send(ex, code, "application/json; charset=utf-8", body);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void openBrowser(String url) {
        try {
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(URI.create(url));
                return;
            }
            new ProcessBuilder("xdg-open", url).inheritIO().start();
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("steepest explore: could not open a browser (" + e.getMessage() + "); open " + url);
        }
    }
}
