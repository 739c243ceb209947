// The map's detail panel: the municipality a keyboard, a tap or a click chooses is named under the map.
// Every municipality is a link in the SVG (reports/maps.py), so it is reachable without this file too.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("kaart-detail");
  const map = document.querySelector("figure.map svg");
  if (!panel || !map) return;
  let chosen = null;
  const choose = (link) => {
    if (chosen) chosen.classList.remove("chosen");
    chosen = link;
    link.classList.add("chosen");
    panel.textContent = link.getAttribute("aria-label");
  };
  map.addEventListener("focusin", (event) => {
    const link = event.target.closest("a.municipality");
    if (link) choose(link);
  });
  map.addEventListener("click", (event) => {
    const link = event.target.closest("a.municipality");
    if (!link) return;
    event.preventDefault();
    choose(link);
    link.focus();
  });
});
