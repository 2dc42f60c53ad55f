// ESLint for the site's own scripts (site_templates/overrides/assets/*.js): plain browser scripts, no
// modules, no dependencies. `make lint` runs it; the recommended rules catch errors, not style.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["site_templates/overrides/assets/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, PagefindUI: "readonly" },
    },
  },
];
