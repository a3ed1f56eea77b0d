// Placeholder until this page is built (issue 3).
export default function Page() {
  return <p>…</p>;
}
