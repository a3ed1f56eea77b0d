// Placeholder until this page is built (issue 6).
export default function Page() {
  return <p>…</p>;
}
