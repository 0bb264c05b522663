export default function Index() {
  return <h1>CompStat 311</h1>;
}
