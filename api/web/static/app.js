// Leave empty filter fields out of the URL, so links stay short and shareable.
document.querySelectorAll("form.search").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("input, select").forEach(function (el) {
      if (el.name && el.value.trim() === "") { el.disabled = true; }
    });
  });
});
