package io.assetmanager.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps a copy of everything Payara Micro prints, so a test can search the server's log. The Arquillian adapter
 * copies the server's output line by line to {@code System.out} (consoleOutput, on by default); this extension
 * puts a tee there before the server starts. Register it BEFORE the Arquillian extension:
 * {@code @ExtendWith(ServerOutput.class) @ExtendWith(ArquillianExtension.class)}.
 */
public final class ServerOutput implements BeforeAllCallback, AfterAllCallback {

    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static PrintStream original;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (CAPTURED) {
            CAPTURED.reset();
        }
        original = System.out;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (CAPTURED) {
                    CAPTURED.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (CAPTURED) {
                    CAPTURED.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.setOut(original);
    }

    /** Everything printed since the test class started (the server's output and the test's own). */
    public static String text() {
        synchronized (CAPTURED) {
            return CAPTURED.toString(StandardCharsets.UTF_8);
        }
    }
}
