// The framework floor: the smallest App Router page, built by site.bench.mjs with the site's Next and
// settings (static export, trailing slash), to show how much of each route's first load is Next and React.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
