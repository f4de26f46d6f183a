package io.assetmanager.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** The users who can log in, with their password hashes. */
@Stateless
public class UserRepository {

    /** PBKDF2-HMAC-SHA256; the iteration count trades login cost (paid by every HTTP Basic call) for brute-force cost. */
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "100000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Pbkdf2PasswordHash hash;

    @PostConstruct
    void configureHash() {
        hash.initialize(HASH_PARAMETERS);
    }

    public Optional<AppUser> find(String username) {
        return Optional.ofNullable(em.find(AppUser.class, username));
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM AppUser u", Long.class).getSingleResult();
    }

    public AppUser create(String username, char[] password, String role) {
        AppUser user = new AppUser(username, hash.generate(password), role, OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(user);
        return user;
    }
}
