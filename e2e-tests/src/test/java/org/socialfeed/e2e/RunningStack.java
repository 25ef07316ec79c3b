package org.socialfeed.e2e;

import org.socialfeed.stack.LocalStack;
import org.socialfeed.stack.ServiceApp;
import org.socialfeed.stack.StackSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole system, started once for all end-to-end tests exactly as the README's run command starts it
 * (same launcher, same packaged services), but on free ports and with its data in a temporary folder, so it can
 * run beside a stack someone already has running.
 */
final class RunningStack {

    private static LocalStack stack;

    private RunningStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path root = Path.of(System.getProperty("socialfeed.project.root", "..")).toAbsolutePath().normalize();
                Path data = Files.createTempDirectory("socialfeed-e2e-");
                stack = LocalStack.start(StackSettings.isolated(root, data), line -> System.out.println("[stack] " + line));
            } catch (Exception e) {
                throw new IllegalStateException("The local stack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    static String url(ServiceApp app) {
        return get().serviceUrl(app);
    }
}
