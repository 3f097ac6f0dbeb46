// The site's export settings (apps/web/next.config.ts) without its pages: what Next 16 ships to every route.
export default { output: "export", trailingSlash: true, images: { unoptimized: true }, reactStrictMode: true };
