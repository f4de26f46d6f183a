/*
 * Brings an action's result into view: on a long page the message above the form would otherwise be out of sight
 * of the button that was pressed. A file, not an inline script, for the pages' Content-Security-Policy.
 */
window.AssetManager = window.AssetManager || {};
window.AssetManager.showResult = function (id) {
    var result = document.getElementById(id);
    if (result && result.textContent.trim() !== '') {
        result.scrollIntoView({block: 'center'});
    }
};
