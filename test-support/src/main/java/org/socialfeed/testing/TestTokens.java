package org.socialfeed.testing;

import io.smallrye.jwt.build.Jwt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens signed with the test key, shaped like the ones user-service issues, so a service's tests can act
 * as any user without running user-service.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String forUser(String userId, String username) {
        return Jwt.issuer(InfrastructureResource.ISSUER).subject(userId).upn(username).groups(Set.of("user"))
                .expiresIn(Duration.ofHours(1)).sign(privateKey());
    }

    public static String forAdmin(String userId, String username) {
        return Jwt.issuer(InfrastructureResource.ISSUER).subject(userId).upn(username).groups(Set.of("user", "admin"))
                .expiresIn(Duration.ofHours(1)).sign(privateKey());
    }

    /** A token whose expiry has passed. */
    public static String expired(String userId, String username) {
        long past = System.currentTimeMillis() / 1000 - 3600;
        return Jwt.issuer(InfrastructureResource.ISSUER).subject(userId).upn(username).groups(Set.of("user"))
                .issuedAt(past - 60).expiresAt(past).sign(privateKey());
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String forged(String userId, String username) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(InfrastructureResource.ISSUER).subject(userId).upn(username).groups(Set.of("user"))
                    .expiresIn(Duration.ofHours(1)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        Path pem = SharedInfrastructure.get().keys().privateKey();
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test signing key " + pem, e);
        }
    }
}
