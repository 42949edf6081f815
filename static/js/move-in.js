// Settings → Move in: sends each zip of a Flickr export in parts (PUT with the offset the
// part starts at), so a 5 GB export works through a browser and a proxy. After a dropped
// connection it asks the server where its copy ends and goes on from there; after a page
// reload it finds the upload again (localStorage) when the same file is chosen. Without
// JavaScript the form sends the files at once (small exports).
(function () {
  "use strict";
  var form = document.getElementById("move-in-form");
  if (!form || !window.fetch || !window.File || !window.localStorage) return;
  var input = form.querySelector('input[type="file"]');
  var box = document.getElementById("move-in-uploads");
  var status = document.getElementById("move-in-status");
  var bar = document.getElementById("move-in-upload-progress");
  var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var text = {
    sending: form.getAttribute("data-sending") || "Uploading…",
    retry: form.getAttribute("data-retry") || "Connection lost, trying again…",
    starting: form.getAttribute("data-starting") || "Starting the import…"
  };

  function key(file) {
    return "candid-move-in:" + file.name + ":" + file.size + ":" + file.lastModified;
  }

  function call(method, url, body, headers) {
    var options = { method: method, credentials: "same-origin", headers: headers || {} };
    options.headers["X-CSRFToken"] = csrf;
    if (body !== undefined && !(body instanceof Blob)) {
      options.headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    if (body !== undefined) options.body = body;
    return fetch(url, options).then(function (response) {
      return response.json().then(function (data) {
        data.status = response.status;
        return data;
      });
    });
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function begin(file) {
    var saved = JSON.parse(localStorage.getItem(key(file)) || "null");
    if (saved) {
      return call("GET", saved.url).then(function (data) {
        if (data.status === 200) { saved.received = data.received; return saved; }
        localStorage.removeItem(key(file));
        return begin(file);
      });
    }
    return call("POST", form.getAttribute("data-uploads"), { name: file.name, size: file.size })
      .then(function (data) {
        if (data.status !== 201) throw new Error(data.error);
        localStorage.setItem(key(file), JSON.stringify(data));
        return data;
      });
  }

  function send(file, upload, progress, tries) {
    if (upload.received >= file.size) return Promise.resolve(upload);
    var end = Math.min(file.size, upload.received + upload.chunk);
    var part = file.slice(upload.received, end);
    return call("PUT", upload.url, part, { "Upload-Offset": String(upload.received) })
      .then(function (data) {
        if (data.status === 200 || data.status === 409) {
          upload.received = data.received;
          progress(file, upload.received);
          return send(file, upload, progress, 0);
        }
        throw new Error(data.error);
      }, function () {
        if (tries > 30) throw new Error(text.retry);
        status.textContent = text.retry;
        return wait(Math.min(30000, 1000 * Math.pow(2, tries))).then(function () {
          return call("GET", upload.url).then(function (data) {
            upload.received = data.received;
            return send(file, upload, progress, tries + 1);
          }, function () { return send(file, upload, progress, tries + 1); });
        });
      });
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    event.preventDefault();
    box.hidden = false;
    var total = files.reduce(function (sum, f) { return sum + f.size; }, 0) || 1;
    var done = {};
    function progress(file, received) {
      done[key(file)] = received;
      var sum = Object.keys(done).reduce(function (s, k) { return s + done[k]; }, 0);
      bar.value = Math.floor((100 * sum) / total);
      status.textContent = text.sending + " " + bar.value + " %";
    }
    var tokens = [];
    files.reduce(function (chain, file) {
      return chain.then(function () {
        return begin(file).then(function (upload) {
          progress(file, upload.received);
          return send(file, upload, progress, 0);
        }).then(function (upload) { tokens.push(upload.token); });
      });
    }, Promise.resolve()).then(function () {
      status.textContent = text.starting;
      var fetchMedia = form.querySelector("input[name=fetch_media]");
      return call("POST", form.getAttribute("data-start"), {
        tokens: tokens,
        fetch_media: Boolean(fetchMedia && fetchMedia.checked)
      });
    }).then(function (data) {
      if (data.status !== 201) throw new Error(data.error);
      files.forEach(function (file) { localStorage.removeItem(key(file)); });
      window.location.assign(data.next);
    }).catch(function (error) {
      status.textContent = error.message;
      status.setAttribute("role", "alert");
    });
  });
})();
