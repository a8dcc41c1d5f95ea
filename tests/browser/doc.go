// Package browser checks the analyst's first minutes in a real browser: headless
// Chromium opens the Neo4j Browser of the test server, connects, gets the style and the
// dipgraph guide from browser.post_connect_cmd, runs a saved query from the guide and
// must show the expected actors, coloured by the style. It saves a screenshot in
// screenshots/ (git-ignored).
//
// setup.sh installs Debian's chromium and playwright-core when they are missing;
// browser.mjs drives the browser.
package browser
