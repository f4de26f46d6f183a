package io.assetmanager.qualys.settings;

/** One field changed by a save; for the password both values are null (it is only recorded as changed). */
public record SettingsChange(SettingsField field, String oldValue, String newValue) {

    public String describe() {
        if (!field.recordsValue()) {
            return field.label() + " changed";
        }
        return field.label() + ": " + (oldValue == null ? "(empty)" : oldValue) + " → "
                + (newValue == null ? "(empty)" : newValue);
    }
}
