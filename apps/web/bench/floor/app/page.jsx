// One heading and no client code of its own: everything this page loads is the framework's.
export default function Page() {
  return <h1>Hello</h1>;
}
