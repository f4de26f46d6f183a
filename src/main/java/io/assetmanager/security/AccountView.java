package io.assetmanager.security;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The Password page: every user changes their own password, giving the current one. */
@Named("accountView")
@ViewScoped
public class AccountView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private UserService service;

    @Inject
    private UserRepository users;

    private String currentPassword;
    private String newPassword;
    private String repeatPassword;
    private UsersView.Result result;

    public void change() {
        try {
            if (newPassword == null || !newPassword.equals(repeatPassword)) {
                throw new UserChangeRefused(UserChangeRefused.Reason.INVALID,
                        "The new password and its repetition differ.");
            }
            service.changeOwnPassword(username(), currentPassword, newPassword);
            AppAuthenticationMechanism.keepAfterOwnPasswordChange((jakarta.servlet.http.HttpSession) FacesContext
                    .getCurrentInstance().getExternalContext().getSession(false), users);
            result = new UsersView.Result(true, "Your password is changed.");
        } catch (UserChangeRefused e) {
            result = new UsersView.Result(false, "Password not changed: " + e.getMessage());
            FacesContext.getCurrentInstance().validationFailed();
        } finally {
            currentPassword = null;
            newPassword = null;
            repeatPassword = null;
        }
    }

    public String username() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    public String getPasswordRule() {
        return UserRules.PASSWORD_RULE;
    }

    public UsersView.Result getResult() {
        return result;
    }

    public String getCurrentPassword() {
        return null;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return null;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeatPassword() {
        return null;
    }

    public void setRepeatPassword(String repeatPassword) {
        this.repeatPassword = repeatPassword;
    }
}
