// Stylelint for the site's own stylesheets (site_templates/overrides/assets/*.css); `make lint` runs it.
// The recommended rules catch errors (unknown properties, duplicate selectors, invalid values), not style.
// no-descending-specificity is off: the stylesheets are written per component, each block overriding
// Material's defaults where it applies, so a later, less specific selector is the norm, not a mistake.
module.exports = {
  extends: "stylelint-config-recommended",
  rules: { "no-descending-specificity": null },
};
