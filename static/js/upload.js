/* The uploader: a drop zone, a preview and a progress bar per file, and each file's own
   title, description, alt text and tags. Each file is sent on its own (same form, same
   CSRF token, Accept: application/json) so that one refused file leaves the others.
   Without this script the form posts all files at once and works the same way. */
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var text = form.dataset;
  var input = form.querySelector("input[type=file]");
  var list = form.querySelector(".upload-files");
  var zone = form.querySelector(".drop-zone");
  var status = form.querySelector(".upload-status");
  var submit = form.querySelector("button[type=submit]");
  var each = form.querySelector(".upload-each");
  var items = [];
  var counter = 0;
  var busy = false;

  var eachPlace = each && each.nextElementSibling;
  input.required = false;
  form.classList.add("enhanced");
  form.querySelector(".drop-hint").hidden = false;

  function readable(name) {
    var stem = name.indexOf(".") > 0 ? name.slice(0, name.lastIndexOf(".")) : name;
    var words = stem.replace(/[\s_\-.+]+/g, " ").trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function element(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (content) {
      node.textContent = content;
    }
    return node;
  }

  function field(id, label, control) {
    var wrapper = element("div", { class: "field" });
    control.id = id;
    wrapper.append(element("label", { for: id }, label), control);
    return wrapper;
  }

  function preview(file, canvas, holder) {
    if (!window.createImageBitmap) {
      holder.textContent = text.noPreview;
      return;
    }
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 160 / Math.max(bitmap.width, bitmap.height));
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    }).catch(function () {
      holder.textContent = text.noPreview;
    });
  }

  function card(file) {
    counter += 1;
    var id = "upload-file-" + counter;
    var item = { file: file, state: "waiting" };
    var li = element("li", { class: "upload-file" });
    var holder = element("div", { class: "upload-preview" });
    var canvas = element("canvas", { "aria-hidden": "true" });
    holder.append(canvas);
    preview(file, canvas, holder);
    var body = element("fieldset", { class: "upload-file-fields" });
    body.append(element("legend", {}, file.name));
    item.title = element("input", { type: "text", maxlength: "200", placeholder: readable(file.name) });
    item.description = element("textarea", { rows: "2", maxlength: "5000" });
    item.alt = element("textarea", { rows: "2", maxlength: "1500" });
    item.tags = element("input", { type: "text", maxlength: "1000" });
    body.append(
      field(id + "-title", text.eachTitle, item.title),
      field(id + "-alt", text.eachAlt, item.alt),
      field(id + "-description", text.eachDescription, item.description),
      field(id + "-tags", text.eachTags, item.tags)
    );
    item.progress = element("progress", { max: "100", value: "0", "aria-label": file.name });
    item.status = element("p", { class: "upload-file-status" }, text.waiting);
    item.remove = element("button", { type: "button", class: "link" }, text.remove);
    item.remove.addEventListener("click", function () {
      items = items.filter(function (other) { return other !== item; });
      li.remove();
      showEach();
    });
    body.append(item.progress, item.status, item.remove);
    li.append(holder, body);
    item.node = li;
    return item;
  }

  function add(files) {
    items = items.filter(function (item) {
      if (item.state === "waiting") {
        return true;
      }
      item.node.remove();
      return false;
    });
    Array.prototype.forEach.call(files, function (file) {
      var item = card(file);
      items.push(item);
      list.append(item.node);
    });
    showEach();
  }

  /* The fields "about the photo" stand in the form until files are chosen; then each file
     has its own beside its preview (what was typed goes to the first file). */
  function showEach() {
    list.hidden = items.length === 0;
    if (!each) {
      return;
    }
    if (items.length && each.isConnected) {
      var first = items[0];
      ["title", "alt_text", "description"].forEach(function (name) {
        var typed = each.querySelector("[name=" + name + "]");
        var target = first[{ title: "title", alt_text: "alt", description: "description" }[name]];
        if (typed && typed.value && !target.value) {
          target.value = typed.value;
        }
      });
      each.remove();
    } else if (!items.length && !each.isConnected) {
      form.insertBefore(each, eachPlace);
    }
  }

  input.addEventListener("change", function () {
    add(input.files);
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      add(event.dataTransfer.files);
    }
  });

  function outcome(xhr) {
    var answer = null;
    try {
      answer = JSON.parse(xhr.responseText);
    } catch (error) {
      var known = { 413: text.tooLarge, 429: text.tooMany };
      return { ok: false, error: known[xhr.status] || text.failedUnknown };
    }
    if (answer.results && answer.results.length) {
      return answer.results[0];
    }
    return { ok: false, error: (answer.errors || []).join(" ") || text.failedUnknown };
  }

  function send(item) {
    return new Promise(function (resolve) {
      if (item.file.size > Number(text.maxBytes)) {
        resolve({ ok: false, error: text.tooLarge });
        return;
      }
      var data = new FormData(form);
      data.delete("files");
      data.set("title", item.title.value);
      data.set("description", item.description.value);
      data.set("alt_text", item.alt.value);
      data.set("file_tags", item.tags.value);
      data.append("files", item.file, item.file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.pathname);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          item.progress.value = Math.round((event.loaded / event.total) * 99);
        }
      });
      xhr.addEventListener("load", function () {
        resolve(outcome(xhr));
      });
      xhr.addEventListener("error", function () {
        resolve({ ok: false, error: text.failedUnknown });
      });
      item.state = "sending";
      item.status.textContent = text.sending;
      item.remove.hidden = true;
      xhr.send(data);
    }).then(function (result) {
      item.result = result;
      item.state = result.ok ? "done" : "failed";
      item.node.classList.add(result.ok ? "ok" : "error");
      item.status.textContent = result.ok ? text.done : result.error;
      if (result.ok) {
        item.progress.value = 100;
        var link = element("a", { href: result.url }, result.title || item.file.name);
        item.status.append(" · ", link);
      }
    });
  }

  function summary(sent) {
    var old = document.querySelector(".upload-summary");
    if (old) {
      old.remove();
    }
    var failed = sent.filter(function (item) { return !item.result.ok; });
    var done = sent.length - failed.length;
    if (!failed.length) {
      if (sent.length === 1) {
        window.location.assign(sent[0].result.url);
        return;
      }
      status.textContent = text.allDone + " ";
      status.append(element("a", { href: text.photostream }, text.seePhotostream));
      return;
    }
    var box = element("section", {
      class: "card upload-results upload-summary",
      role: "alert",
      tabindex: "-1"
    });
    box.append(element("h2", {}, done ? text.someDone : text.noneDone));
    var ul = element("ul");
    failed.forEach(function (item) {
      var li = element("li", { class: "error" });
      li.append(element("strong", {}, item.file.name), ": " + item.result.error);
      ul.append(li);
    });
    box.append(ul);
    form.before(box);
    box.focus(); // keyboard users continue from the report, then on to the file field
  }

  form.addEventListener("submit", function (event) {
    var waiting = items.filter(function (item) { return item.state === "waiting"; });
    if (!waiting.length && !busy) {
      return; // sent as it is: the page answers which field needs what
    }
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true; // the button stays enabled, so keyboard focus stays on it
    submit.setAttribute("aria-disabled", "true");
    status.textContent = "";
    waiting.reduce(function (chain, item) {
      return chain.then(function () { return send(item); });
    }, Promise.resolve()).then(function () {
      busy = false;
      submit.removeAttribute("aria-disabled");
      summary(waiting);
    });
  });
})();
