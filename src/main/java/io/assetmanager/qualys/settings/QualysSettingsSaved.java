package io.assetmanager.qualys.settings;

/**
 * Fired (synchronously, after the save committed or failed) whenever an admin saves the Qualys settings, so that
 * whoever acts on the settings, the sync scheduler above all, re-reads them at once. The settings know nothing of
 * their observers.
 */
public record QualysSettingsSaved(String user) {
}
