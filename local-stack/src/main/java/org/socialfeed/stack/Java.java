package org.socialfeed.stack;

import java.nio.file.Path;

/** The JVM the stack runs on, reused for its child JVMs. */
final class Java {

    private Java() {
    }

    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The stack's own classpath, which holds Kafka and mongo-java-server for the child processes. */
    static String classpath() {
        return System.getProperty("java.class.path");
    }
}
