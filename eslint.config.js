// ESLint for the pages' own scripts (the vendored libraries are not ours to lint).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["graphcrm/http/static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: "script",
      globals: { ...globals.browser, Crm: "readonly", GraphCommon: "readonly", vis: "readonly", L: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      "eqeqeq": "error",
      "no-implicit-globals": "error",
      "no-restricted-properties": ["error",
        { property: "innerHTML", message: "Record text reaches the page through textContent only." },
        { property: "outerHTML", message: "Record text reaches the page through textContent only." }],
      "no-restricted-syntax": ["error",
        { selector: "CallExpression[callee.name='fetch']", message: "Call the API through Crm.api." }],
    },
  },
  {
    files: ["graphcrm/http/static/js/crm.js"],
    rules: { "no-restricted-syntax": "off" },
  },
];
