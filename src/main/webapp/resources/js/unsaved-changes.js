/*
 * Warns before leaving a page whose form (class am-guard-unsaved) holds edits that were not submitted: typing in a
 * field or flipping a switch marks the page; a successful submit (AssetManager.saved(), called by the page) clears
 * the mark. A file, not an inline script, because the pages' Content-Security-Policy runs only the application's
 * own scripts and PrimeFaces's.
 */
window.AssetManager = window.AssetManager || {};
(function (am) {
    var unsaved = false;

    function mark(event) {
        var target = event.target;
        if (target && target.closest && target.closest('form.am-guard-unsaved')) {
            unsaved = true;
        }
    }

    // A PrimeFaces switch changes its hidden checkbox through jQuery, which native listeners do not hear: its
    // click (or Space/Enter on it) is the edit.
    function markSwitch(event) {
        var target = event.target;
        if (target && target.closest && target.closest('.ui-toggleswitch')
                && (event.type === 'click' || event.key === ' ' || event.key === 'Enter')) {
            mark(event);
        }
    }

    document.addEventListener('input', mark, true);
    document.addEventListener('change', mark, true);
    document.addEventListener('click', markSwitch, true);
    document.addEventListener('keydown', markSwitch, true);
    window.addEventListener('beforeunload', function (event) {
        if (unsaved) {
            event.preventDefault();
            event.returnValue = '';
        }
    });

    am.saved = function () {
        unsaved = false;
    };
    am.hasUnsavedChanges = function () {
        return unsaved;
    };
})(window.AssetManager);
