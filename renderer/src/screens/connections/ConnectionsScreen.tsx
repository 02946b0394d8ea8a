export function ConnectionsScreen() {
  return (
    <section className="screen" aria-labelledby="connections-title">
      <h1 id="connections-title">Connections</h1>
      <div className="empty-state">
        <p>No connections yet.</p>
      </div>
    </section>
  );
}
