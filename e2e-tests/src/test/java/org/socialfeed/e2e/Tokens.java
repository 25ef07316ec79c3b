package org.socialfeed.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Bearer tokens a client should never get in with: expired, signed by another key, unsigned, or garbage. */
final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** Correctly signed with the stack's own key, but expired an hour ago. */
    static String expired(String userId, String username) {
        long now = Instant.now().getEpochSecond();
        return sign(claims(userId, username, now - 7200, now - 3600), stackKey());
    }

    /** A valid-looking token signed by a key the services do not trust. */
    static String signedByAnotherKey(String userId, String username) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            long now = Instant.now().getEpochSecond();
            return sign(claims(userId, username, now, now + 3600), generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, claiming the admin role. */
    static String unsigned(String userId, String username) {
        long now = Instant.now().getEpochSecond();
        return URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims(userId, username, now, now + 3600).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A real token whose signature was replaced. */
    static String forged(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    }

    private static String claims(String userId, String username, long issuedAt, long expires) {
        return "{\"iss\":\"https://socialfeed.local\",\"sub\":\"" + userId + "\",\"upn\":\"" + username
                + "\",\"groups\":[\"user\",\"admin\"],\"iat\":" + issuedAt + ",\"exp\":" + expires
                + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
    }

    private static String sign(String claims, PrivateKey key) {
        try {
            String signingInput = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey stackKey() {
        try {
            Path pem = RunningStack.dataDirectory().resolve("keys/jwt-private.pem");
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the stack's signing key", e);
        }
    }
}
