// Elder-friendly reading (适老化): text size and high-contrast controls, and "read aloud".
// The choice lives in localStorage so it follows the reader across pages; the inline script in
// main.html applies it before first paint, this file keeps the buttons and the storage in step.
(function () {
  "use strict";
  var root = document.documentElement;
  var en = (root.lang || "").toLowerCase().indexOf("en") === 0;
  var SETTINGS = { text: ["", "large", "xlarge"], contrast: ["", "high"] };

  function remember(key, value) {
    try {
      if (value) localStorage.setItem("sb-" + key, value);
      else localStorage.removeItem("sb-" + key);
    } catch (error) {
      // Storage disabled (private mode): the choice still holds on this page.
    }
  }

  function current(key) {
    return root.getAttribute("data-sb-" + key) || "";
  }

  function apply(key, value) {
    var known = Object.prototype.hasOwnProperty.call(SETTINGS, key) && SETTINGS[key];
    if (!known || known.indexOf(value) < 0) return false;
    if (value) root.setAttribute("data-sb-" + key, value);
    else root.removeAttribute("data-sb-" + key);
    refresh();
    return true;
  }

  function choose(key, value) {
    if (apply(key, value)) remember(key, value);
  }

  function refresh() {
    var buttons = document.querySelectorAll(".sb-a11y__button");
    Array.prototype.forEach.call(buttons, function (button) {
      var key = button.hasAttribute("data-sb-text") ? "text" : "contrast";
      var value = button.getAttribute("data-sb-" + key);
      button.setAttribute("aria-pressed", String(current(key) === value));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sb-a11y__button");
    if (!button) return;
    if (button.hasAttribute("data-sb-text")) {
      choose("text", button.getAttribute("data-sb-text"));
    } else {
      // The contrast button is a toggle: pressing it again returns to the normal scheme.
      choose("contrast", current("contrast") ? "" : "high");
    }
  });

  // Another tab changed the setting: follow it, so every open page reads the same way.
  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf("sb-") === 0) apply(event.key.slice(3), event.newValue || "");
  });

  refresh();

  // Read aloud with the browser's own speech synthesis: nothing is sent anywhere. Without it
  // (or without utterances) there is no button at all. Without a Chinese voice the button says
  // so instead of queuing utterances that fail in silence: the voice list may arrive late
  // (voiceschanged), so it is read again when it does, and taken as final after VOICE_WAIT ms.
  var body = document.querySelector(".sb-story-body");
  if (!body || !window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var VOICE_WAIT = 1500;
  var synth = window.speechSynthesis;
  var language = body.getAttribute("lang") || root.lang || "zh-CN";
  var labels = en
    ? { start: "Read aloud", stop: "Stop reading", none: "Read aloud unavailable",
        noVoice: "This browser has no voice for this language, so it cannot read the story aloud. Add one in your phone's or computer's speech settings, then reload the page.",
        failed: "Reading aloud stopped: this browser's voice for this language did not work." }
    : { start: "朗读", stop: "停止朗读", none: "无法朗读",
        noVoice: "这个浏览器没有中文语音,不能朗读。可以在手机或电脑的系统设置里添加中文(普通话)语音,再重新打开本页。",
        failed: "朗读停止了:这个浏览器的中文语音不能使用。" };
  var reading = false;
  var broken = false; // a Chinese voice was listed but failed: not offered again on this page
  var button = document.createElement("button");
  button.type = "button";
  button.className = "sb-read-aloud md-button";
  button.textContent = labels.start;
  var note = document.createElement("p");
  note.className = "sb-read-aloud-note";
  note.setAttribute("role", "status");
  body.parentNode.insertBefore(button, body);
  body.parentNode.insertBefore(note, body);

  function voiceFor(lang) {
    var wanted = lang.toLowerCase().replace("_", "-");
    var voices = synth.getVoices() || [];
    var exact = null;
    var near = null;
    for (var i = 0; i < voices.length; i++) {
      var code = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === wanted && !exact) exact = voices[i];
      if (code.split("-")[0] === wanted.split("-")[0] && !near) near = voices[i];
    }
    return exact || near;
  }

  function unavailable(message) {
    synth.cancel();
    setReading(false);
    button.disabled = true;
    button.textContent = labels.none;
    note.textContent = message;
  }

  function available() {
    button.disabled = false;
    button.textContent = reading ? labels.stop : labels.start;
    note.textContent = "";
  }

  function judgeVoices(final) {
    if (broken) return;
    if (voiceFor(language)) available();
    else if (final || (synth.getVoices() || []).length) unavailable(labels.noVoice);
  }

  function setReading(state) {
    reading = state;
    button.textContent = reading ? labels.stop : labels.start;
    button.classList.toggle("md-button--primary", reading);
  }

  function stop() {
    synth.cancel();
    setReading(false);
  }

  function start() {
    synth.cancel();
    var voice = voiceFor(language);
    if (!voice) {
      unavailable(labels.noVoice);
      return;
    }
    // One utterance a block: Chromium cuts off single utterances that run for long.
    var blocks = body.querySelectorAll("p, h2, h3, h4, li, blockquote, figcaption");
    var texts = [];
    Array.prototype.forEach.call(blocks.length ? blocks : [body], function (block) {
      var text = block.textContent.replace(/\s+/g, " ").trim();
      if (text) texts.push(text);
    });
    if (!texts.length) return;
    setReading(true);
    texts.forEach(function (text, index) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = language;
      utterance.voice = voice;
      if (index === texts.length - 1) utterance.onend = function () { setReading(false); };
      utterance.onerror = function (event) {
        if (event.error === "interrupted" || event.error === "canceled") return;
        broken = true;
        unavailable(labels.failed);
      };
      synth.speak(utterance);
    });
  }

  button.addEventListener("click", function () {
    if (reading) stop();
    else start();
  });
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", function () { judgeVoices(false); });
  }
  judgeVoices(false);
  window.setTimeout(function () { judgeVoices(true); }, VOICE_WAIT);
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
