package org.socialfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair user-service signs tokens with and every service verifies them with. Generated once into a
 * git-ignored folder for local use; production mounts its own from a Secret.
 */
public record JwtKeyFiles(Path privateKey, Path publicKey) {

    public static JwtKeyFiles createIfAbsent(Path directory) throws IOException {
        JwtKeyFiles files = new JwtKeyFiles(directory.resolve("jwt-private.pem"), directory.resolve("jwt-public.pem"));
        if (Files.exists(files.privateKey()) && Files.exists(files.publicKey())) {
            return files;
        }
        Files.createDirectories(directory);
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no RSA", e);
        }
        Files.writeString(files.privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(files.publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return files;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
