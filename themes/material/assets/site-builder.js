// The site's own behaviour on top of the theme: the photo lightbox, the share control's
// "copy link", the 404 page's search button and the keyboard-operable menu button.
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "zh").indexOf("zh") === 0;

  // Lightbox for photos: the large derivative in a native <dialog> (Escape, focus trapping and
  // the backdrop come from the browser), with previous/next buttons, arrow keys and swipes,
  // and a "2/3" counter. Thumbnails are what the page loads; a large image only on opening.
  var dialog = null;
  var links = [];
  var current = -1;
  var SWIPE = 40; // px sideways, and more sideways than up or down, to count as a swipe

  function control(name, text, label, action) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sb-lightbox__" + name;
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      action();
    });
    return button;
  }

  function part(tag, name) {
    var element = document.createElement(tag);
    element.className = "sb-lightbox__" + name;
    return element;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "sb-lightbox-dialog";
    dialog.setAttribute("aria-label", zh ? "大图" : "Large photo");
    var stage = part("div", "stage");
    var picture = document.createElement("picture");
    var source = document.createElement("source");
    source.type = "image/webp";
    picture.appendChild(source);
    picture.appendChild(document.createElement("img"));
    stage.appendChild(picture);
    var bar = part("div", "bar");
    var count = part("p", "count");
    count.setAttribute("aria-live", "polite");
    bar.appendChild(control("prev", "‹", zh ? "上一张" : "Previous photo", function () { show(current - 1); }));
    bar.appendChild(count);
    bar.appendChild(control("next", "›", zh ? "下一张" : "Next photo", function () { show(current + 1); }));
    dialog.appendChild(control("close", "×", zh ? "关闭" : "Close", function () { dialog.close(); }));
    dialog.appendChild(stage);
    dialog.appendChild(part("p", "caption"));
    dialog.appendChild(bar);
    var swiped = false;
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog && !swiped) dialog.close();
      swiped = false;
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") show(current + 1);
      if (event.key === "ArrowLeft") show(current - 1);
    });
    var start = null;
    stage.addEventListener("pointerdown", function (event) {
      start = { x: event.clientX, y: event.clientY };
    });
    stage.addEventListener("pointercancel", function () { start = null; });
    stage.addEventListener("pointerup", function (event) {
      if (!start) return;
      var dx = event.clientX - start.x;
      var dy = event.clientY - start.y;
      start = null;
      if (Math.abs(dx) < SWIPE || Math.abs(dx) < 1.5 * Math.abs(dy)) return;
      swiped = true;
      show(dx < 0 ? current + 1 : current - 1);
    });
    stage.addEventListener("click", function (event) {
      // A tap beside the photo closes, as on the backdrop; a tap on it or a swipe does not.
      if (event.target === stage && !swiped) dialog.close();
      swiped = false;
    });
    dialog.addEventListener("close", function () {
      if (links[current]) links[current].focus();
    });
    document.body.appendChild(dialog);
  }

  function show(index) {
    if (!links.length) return;
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumb = link.querySelector("img");
    var figure = link.closest("figure");
    var text = figure && figure.querySelector("figcaption");
    dialog.querySelector("source").srcset = link.getAttribute("data-webp") || "";
    var img = dialog.querySelector("img");
    img.src = link.href;
    img.alt = thumb ? thumb.alt : "";
    img.width = Number(link.getAttribute("data-width")) || 0;
    img.height = Number(link.getAttribute("data-height")) || 0;
    dialog.querySelector(".sb-lightbox__caption").textContent = text ? text.textContent : "";
    dialog.querySelector(".sb-lightbox__count").textContent = current + 1 + "/" + links.length;
    dialog.classList.toggle("sb-lightbox--single", links.length < 2);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.sb-lightbox");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typeof HTMLDialogElement !== "function") return; // old browsers just follow the link
    event.preventDefault();
    if (!dialog) build();
    // The photos of the gallery it belongs to: a story's, or one album's.
    var group = link.closest(".sb-gallery") || document;
    links = Array.prototype.slice.call(group.querySelectorAll("a.sb-lightbox"));
    show(links.indexOf(link));
    dialog.showModal();
  });

  // Printing: photos further down than the reader scrolled are still lazy and unloaded;
  // ask for them all when printing starts, so the printed page has every photo.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("img[loading=lazy]"), function (img) {
      img.loading = "eager";
    });
  });

  // Share: copy the page's address; where the clipboard is refused (plain http, old browsers)
  // the address is selected so the reader can copy it, and told so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sb-share__copy");
    if (!button) return;
    var box = button.closest(".sb-share");
    var field = box.querySelector(".sb-share__address");
    var status = box.querySelector(".sb-share__status");
    function done(ok) {
      status.textContent = button.getAttribute(ok ? "data-sb-done" : "data-sb-failed");
    }
    function fallback() {
      field.focus();
      field.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      done(copied);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  });

  // The 404 page's "search the site": the header's search box, opened and focused.
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest(".sb-open-search"))) return;
    var opener = document.querySelector(".sb-search-open");
    if (opener && opener.offsetParent !== null) opener.click();
    var input = document.querySelector(".sb-search-input");
    if (input) input.focus();
  });

  // The menu button (≡) on phones: a real button for the theme's drawer checkbox, so it takes
  // focus and opens with Enter or Space; focus goes into the menu and back out with Escape.
  var drawer = document.getElementById("__drawer");
  var menuButton = document.querySelector(".sb-menu-button");
  if (!drawer || !menuButton) return;
  function menuLinks() {
    return document.querySelectorAll(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
  }
  function sync() {
    menuButton.setAttribute("aria-expanded", String(drawer.checked));
  }
  drawer.addEventListener("change", sync);
  menuButton.addEventListener("click", function () {
    drawer.click();
    if (drawer.checked) {
      var first = menuLinks()[0];
      // After the drawer's style has turned visible (assets/site-builder.css).
      if (first) window.setTimeout(function () { first.focus(); }, 0);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !drawer.checked) return;
    drawer.click();
    menuButton.focus();
  });
  sync();
})();
