// Leave empty filter fields out of the URL, so links stay short and shareable.
document.querySelectorAll("form.search").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("input, select").forEach(function (el) {
      if (el.name && el.value.trim() === "") { el.disabled = true; }
    });
  });
});

// The indicator page: picking an indicator shows it at once.
document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
  select.addEventListener("change", function () { select.form.requestSubmit(); });
});
