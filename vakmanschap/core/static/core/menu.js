// The main menu folds away on small screens behind a disclosure button, so the page's content
// comes first. Without JavaScript the menu stays open; the Content-Security-Policy allows only
// scripts from this site, so this lives in a file, not inline.
document.addEventListener("DOMContentLoaded", function () {
  var nav = document.querySelector(".site-nav");
  var button = nav && nav.querySelector(".site-nav__toggle");
  if (!button) return;
  nav.classList.add("site-nav--collapsible");
  button.hidden = false;
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("site-nav--open", open);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
});
