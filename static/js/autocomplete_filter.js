// The admin's autocomplete filter (core/admin_autocomplete_filter.py): choosing an entry filters at once.
"use strict";
window.addEventListener("load", function () {
  django.jQuery(".autocomplete-filter select").on("change", function () {
    this.form.submit();
  });
});
