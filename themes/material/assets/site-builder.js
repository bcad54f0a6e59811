// Lightbox for galleries: opens the large derivative in a native <dialog>.
// Thumbnails are what the page loads; the large image is fetched only on click.
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "zh").indexOf("zh") === 0;
  var dialog = null;
  var links = [];
  var current = -1;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "sb-lightbox-dialog";
    dialog.setAttribute("aria-label", zh ? "大图" : "Large photo");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", zh ? "关闭" : "Close");
    close.addEventListener("click", function () { dialog.close(); });
    var picture = document.createElement("picture");
    var source = document.createElement("source");
    source.type = "image/webp";
    var img = document.createElement("img");
    var caption = document.createElement("p");
    picture.appendChild(source);
    picture.appendChild(img);
    dialog.appendChild(close);
    dialog.appendChild(picture);
    dialog.appendChild(caption);
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") show(current + 1);
      if (event.key === "ArrowLeft") show(current - 1);
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
    dialog.querySelector("p").textContent = text ? text.textContent : "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.sb-lightbox");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typeof HTMLDialogElement !== "function") return; // old browsers just follow the link
    event.preventDefault();
    if (!dialog) build();
    links = Array.prototype.slice.call(document.querySelectorAll("a.sb-lightbox"));
    show(links.indexOf(link));
    dialog.showModal();
  });
})();
