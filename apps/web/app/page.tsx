export default function Home() {
  return <main><h1>mTLS Lab</h1></main>;
}
