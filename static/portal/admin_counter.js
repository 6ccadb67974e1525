// The admin's action bar counts the ticked rows in the model's plural forms («Выбрано: 2 заявки из 5»).
// Django's actions.js writes «Выбрано 2 из 5» on every change; the server gave the sentence for every
// count (data-notes, portal.admin_plurals), and this puts the right one back whenever the text changes.
(function () {
    "use strict";
    document.querySelectorAll(".action-counter[data-notes]").forEach(function (counter) {
        if (counter.dataset.pluralsReady) {
            return;
        }
        counter.dataset.pluralsReady = "1";
        const notes = JSON.parse(counter.dataset.notes);
        function rewrite() {
            const selected = document.querySelectorAll("#result_list input.action-select:checked").length;
            const note = notes[Math.min(selected, notes.length - 1)];
            if (counter.textContent !== note) {
                counter.textContent = note;
            }
        }
        new MutationObserver(rewrite).observe(counter, {childList: true, characterData: true, subtree: true});
        rewrite();
    });
}());
