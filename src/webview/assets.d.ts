/** Stylesheets imported for esbuild to bundle into dist/webview/playground.css. */
declare module '*.css';
