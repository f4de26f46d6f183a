package io.assetmanager.security;

import jakarta.ejb.ApplicationException;

/**
 * A user change that was not made, and why, in a sentence for the person who asked; nothing was written. The
 * REST API answers it with the {@link Reason}'s status.
 */
@ApplicationException(rollback = true)
public class UserChangeRefused extends RuntimeException {

    /** Why, as the REST API tells it. */
    public enum Reason {
        /** 400: a field is missing or wrong (user name, role, password strength, the current password). */
        INVALID(400),
        /** 404: no such user. */
        NOT_FOUND(404),
        /** 409: the user name is taken, or the change would leave no enabled admin. */
        CONFLICT(409);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public UserChangeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
