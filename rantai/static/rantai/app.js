// Code pickers: a search box with a datalist (filled by htmx) adds the chosen code to the
// comma-separated field named in data-target; a plain input with a datalist needs nothing.
document.addEventListener("change", function (event) {
  const box = event.target.closest("[data-picker-target]");
  if (!box) return;
  const code = (box.value.match(/^\s*([0-9.]+)/) || [])[1];
  if (!code) return;
  const target = document.getElementById(box.dataset.pickerTarget);
  const codes = target.value.split(",").map(function (c) { return c.trim(); }).filter(Boolean);
  if (!codes.includes(code)) codes.push(code);
  target.value = codes.join(", ");
  box.value = "";
});

// Irreversible actions (award, withdraw, accept) ask first: <button data-confirm="…">.
document.addEventListener("submit", function (event) {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
