export function RoomsScreen() {
  return (
    <section className="screen" aria-labelledby="rooms-title">
      <h1 id="rooms-title">Rooms</h1>
      <div className="empty-state">
        <p>No rooms to show yet.</p>
        <p>
          Rooms appear here once a connection is added. Go to <a href="#/connections">Connections</a> (Ctrl+2) to add one.
        </p>
      </div>
    </section>
  );
}
