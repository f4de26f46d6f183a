package io.assetmanager.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Optional;
import java.util.Set;

/** Checks a user name and password against the stored PBKDF2 hashes; disabled users cannot log in. */
@ApplicationScoped
public class AppIdentityStore implements IdentityStore {

    @Inject
    private UserRepository users;

    @Inject
    private Pbkdf2PasswordHash hash;

    /** Verified when the user does not exist, so that unknown and known names take the same time. */
    private String decoyHash;

    @PostConstruct
    void init() {
        hash.initialize(UserRepository.HASH_PARAMETERS);
        decoyHash = hash.generate("decoy".toCharArray());
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<AppUser> user = users.find(login.getCaller());
        boolean matches = hash.verify(login.getPassword().getValue(), user.map(AppUser::getPasswordHash).orElse(decoyHash));
        // A disabled user's right password is refused like a wrong one (and checked as long, so time tells nothing).
        if (user.isEmpty() || !matches || !user.get().isEnabled()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.get().getUsername(), Set.of(user.get().getRole()));
    }
}
