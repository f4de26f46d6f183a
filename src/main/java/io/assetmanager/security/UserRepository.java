package io.assetmanager.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
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

    /** Every user, by user name. */
    public List<AppUser> list() {
        return em.createQuery("SELECT u FROM AppUser u ORDER BY u.username", AppUser.class).getResultList();
    }

    /** A user whose name equals this one but for case (user names are told apart ignoring case). */
    public Optional<AppUser> findIgnoringCase(String username) {
        return em.createQuery("SELECT u FROM AppUser u WHERE LOWER(u.username) = :name", AppUser.class)
                .setParameter("name", username.toLowerCase(Locale.ROOT)).setMaxResults(1).getResultList().stream()
                .findFirst();
    }

    /**
     * Every user, the admins' rows locked until the transaction ends: two changes that would each leave one admin
     * (two admins demoting each other at once) are decided one after the other, the second seeing the first.
     */
    public List<AppUser> listLockingAdmins() {
        em.createQuery("SELECT u FROM AppUser u WHERE u.role = :admin", AppUser.class)
                .setParameter("admin", Role.ADMIN).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return list();
    }

    /** The role of an enabled user, read from the database on every call (no cache: another instance may change it). */
    /** An enabled user's role and the stamp of their current password (see {@link #passwordStamp}). */
    public record Standing(String role, String passwordStamp) {
    }

    /** The role and password stamp of an enabled user; empty when the user is disabled or gone. */
    public Optional<Standing> standing(String username) {
        return em.createQuery("SELECT u.role, u.passwordHash FROM AppUser u WHERE u.username = :name"
                + " AND u.enabled = TRUE", Object[].class).setParameter("name", username).getResultList().stream()
                .findFirst().map(r -> new Standing((String) r[0], passwordStamp((String) r[1])));
    }

    /**
     * Tells one password of a user from the next without holding it: a digest of its hash, which changes with every
     * change (each hash has a new salt). A session remembers the stamp of its login and ends when it differs.
     */
    static String passwordStamp(String passwordHash) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(passwordHash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** Records a login; at most one write a minute per user, as HTTP Basic logs in on every call. */
    public void recordLogin(String username) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createQuery("UPDATE AppUser u SET u.lastLoginAt = :now WHERE u.username = :name"
                        + " AND (u.lastLoginAt IS NULL OR u.lastLoginAt < :minuteAgo)")
                .setParameter("now", now).setParameter("name", username)
                .setParameter("minuteAgo", now.minus(Duration.ofMinutes(1))).executeUpdate();
    }

    /** The PBKDF2 hash of a new password, with a new salt. */
    public String hash(char[] password) {
        return hash.generate(password);
    }

    public boolean matches(AppUser user, char[] password) {
        return hash.verify(password, user.getPasswordHash());
    }

    public void delete(AppUser user) {
        em.remove(user);
    }

    public void audit(UserAuditEntry entry) {
        em.persist(entry);
    }

    /** The audit's rows, newest first. */
    public List<UserAuditEntry> auditPage(int offset, int limit) {
        return em.createQuery("SELECT a FROM UserAuditEntry a ORDER BY a.changedAt DESC, a.id DESC",
                UserAuditEntry.class).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long auditCount() {
        return em.createQuery("SELECT COUNT(a) FROM UserAuditEntry a", Long.class).getSingleResult();
    }
}
