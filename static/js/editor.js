// The formatting toolbar above every textarea with formatting (data-opmaak, made by
// cocreatie.core.editor.FormattedTextarea): buttons that put the marks around the
// selection or at the cursor, and Ctrl+B (Cmd+B on a Mac) for bold. Without JavaScript
// there is no toolbar; the help beside the field says which marks to type.
(function () {
  "use strict";

  var IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || "");

  // Replace value[start, end) with text, then select text[selectFrom, selectTo).
  // execCommand keeps the browser's undo (Ctrl+Z); where it does not work, setRangeText
  // changes the text all the same.
  function replace(textarea, start, end, text, selectFrom, selectTo) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(start + selectFrom, start + selectTo);
  }

  // The selection without the spaces at its edges: "** vet **" would not be bold.
  function trimmedSelection(textarea) {
    var value = textarea.value;
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    while (start < end && /\s/.test(value.charAt(start))) {
      start += 1;
    }
    while (end > start && /\s/.test(value.charAt(end - 1))) {
      end -= 1;
    }
    return { start: start, end: end, text: value.slice(start, end) };
  }

  function lineStartAt(value, position) {
    return value.lastIndexOf("\n", position - 1) + 1;
  }

  function lineEndAt(value, position) {
    var end = value.indexOf("\n", position);
    return end === -1 ? value.length : end;
  }

  function isListItem(line) {
    return /^\s*[-*+]\s/.test(line);
  }

  // Vet: **selection**, or **vetgedrukt** with the word selected to type over. Bold text
  // (marks inside or just outside the selection) loses its marks.
  function bold(textarea) {
    var value = textarea.value;
    var selection = trimmedSelection(textarea);
    var start = selection.start;
    var end = selection.end;
    var text = selection.text;
    var around = start >= 2 ? value.slice(start - 2, start) + value.slice(end, end + 2) : "";
    if (around === "****") {
      replace(textarea, start - 2, end + 2, text, 0, text.length);
      return;
    }
    if (text.length > 4 && /^\*\*[\s\S]+\*\*$/.test(text)) {
      var inner = text.slice(2, -2);
      replace(textarea, start, end, inner, 0, inner.length);
      return;
    }
    text = text || "vetgedrukt";
    replace(textarea, start, end, "**" + text + "**", 2, 2 + text.length);
  }

  // Kopje: the line of the cursor becomes a heading ("### "), or a heading a normal line
  // again. On an empty line: "### Kopje" with the word selected.
  function heading(textarea) {
    var value = textarea.value;
    var start = lineStartAt(value, textarea.selectionStart);
    var end = lineEndAt(value, start);
    var line = value.slice(start, end);
    var marks = /^\s*#{1,6}(\s+|$)/.exec(line);
    if (marks) {
      var plain = line.slice(marks[0].length);
      replace(textarea, start, end, plain, 0, plain.length);
      return;
    }
    var text = line.trim() || "Kopje";
    replace(textarea, start, end, "### " + text, 4, 4 + text.length);
  }

  // Lijstje: every selected line gets "- " (a blank line before and after the list, as
  // the format needs); lines that all are items already lose their dashes.
  function list(textarea) {
    var value = textarea.value;
    var selectionEnd = textarea.selectionEnd;
    // A selection that ends at the start of a line leaves that line out.
    if (selectionEnd > textarea.selectionStart && value.charAt(selectionEnd - 1) === "\n") {
      selectionEnd -= 1;
    }
    var start = lineStartAt(value, textarea.selectionStart);
    var end = lineEndAt(value, selectionEnd);
    var lines = value.slice(start, end).split("\n");
    var block;
    if (lines.every(isListItem)) {
      block = lines.map(function (line) {
        return line.replace(/^(\s*)[-*+]\s+/, "$1");
      }).join("\n");
      replace(textarea, start, end, block, 0, block.length);
      return;
    }
    block = lines.map(function (line) {
      if (isListItem(line) || !line.trim()) {
        return line.trim() ? line : "";
      }
      return "- " + line.replace(/^\s+/, "");
    }).join("\n");
    var empty = !block;
    if (empty) {
      block = "- ";
    }
    var previous = start > 0 ? value.slice(lineStartAt(value, start - 1), start - 1) : "";
    var next = end < value.length ? value.slice(end + 1, lineEndAt(value, end + 1)) : "";
    var before = previous.trim() && !isListItem(previous) ? "\n" : "";
    var after = next.trim() && !isListItem(next) ? "\n" : "";
    var from = before.length;
    replace(textarea, start, end, before + block + after,
      empty ? from + block.length : from, from + block.length);
  }

  // Link: [selection](https://) with the address selected to type or paste over; a
  // selected address becomes [linktekst](address) with the text selected.
  function link(textarea) {
    var selection = trimmedSelection(textarea);
    var text = selection.text;
    var result;
    if (/^(https?:\/\/|www\.)\S+$/.test(text)) {
      var address = /^www\./.test(text) ? "https://" + text : text;
      result = "[linktekst](" + address + ")";
      replace(textarea, selection.start, selection.end, result, 1, 10);
      return;
    }
    text = text || "linktekst";
    result = "[" + text + "](https://)";
    replace(textarea, selection.start, selection.end, result, text.length + 3, result.length - 1);
  }

  var ACTIONS = {
    kopje: { label: "Kopje", apply: heading },
    lijstje: { label: "Lijstje", apply: list },
    vet: { label: "Vet", apply: bold, shortcut: IS_MAC ? "Meta+B" : "Control+B" },
    link: { label: "Link", apply: link }
  };

  function fieldName(textarea) {
    var label = textarea.labels && textarea.labels[0];
    if (!label) {
      return "";
    }
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".form-field__optional"), function (part) {
      part.remove();
    });
    return copy.textContent.trim();
  }

  // One tab stop for the whole toolbar; the arrow keys, Home and End move between its
  // buttons (the ARIA toolbar pattern).
  function moveFocus(buttons, index) {
    buttons.forEach(function (button, i) {
      button.tabIndex = i === index ? 0 : -1;
    });
    buttons[index].focus();
  }

  function setUp(textarea) {
    var names = (textarea.getAttribute("data-opmaak") || "").split(/\s+/).filter(function (name) {
      return ACTIONS[name];
    });
    var before = textarea.previousElementSibling;
    if (!names.length || (before && before.classList.contains("formatting-toolbar"))) {
      return;
    }
    var toolbar = document.createElement("div");
    toolbar.className = "formatting-toolbar";
    toolbar.setAttribute("role", "toolbar");
    var name = fieldName(textarea);
    toolbar.setAttribute("aria-label", name ? "Opmaak: " + name : "Opmaak");
    if (textarea.id) {
      toolbar.setAttribute("aria-controls", textarea.id);
    }
    var buttons = names.map(function (key, index) {
      var action = ACTIONS[key];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "formatting-toolbar__button" +
        (key === "vet" ? " formatting-toolbar__button--bold" : "");
      button.textContent = action.label;
      button.tabIndex = index === 0 ? 0 : -1;
      if (action.shortcut) {
        button.setAttribute("aria-keyshortcuts", action.shortcut);
      }
      button.addEventListener("click", function () {
        buttons.forEach(function (other) {
          other.tabIndex = other === button ? 0 : -1;
        });
        action.apply(textarea);
      });
      toolbar.appendChild(button);
      return button;
    });
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      var last = buttons.length - 1;
      var target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
      if (index === -1 || target === undefined) {
        return;
      }
      event.preventDefault();
      moveFocus(buttons, target > last ? 0 : target < 0 ? last : target);
    });
    textarea.addEventListener("keydown", function (event) {
      var modifier = IS_MAC ? event.metaKey : event.ctrlKey;
      if (modifier && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "b") {
        event.preventDefault();
        bold(textarea);
      }
    });
    textarea.parentNode.insertBefore(toolbar, textarea);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-opmaak]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
