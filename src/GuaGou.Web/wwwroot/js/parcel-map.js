// Draws parcels on a Leaflet map inside any element with data-parcel-map="<GeoJSON URL>".
// No base tiles: county intranets usually cannot reach a tile server, and the parcels are what matters here.
// The page works without this script (the parcel table shows everything); the map only adds the picture.
const styles = {
  Demolition: { color: '#b02a37', weight: 1.5, fillOpacity: 0.25 },
  Construction: { color: '#0d6efd', weight: 1.5, fillOpacity: 0.25 },
  error: { color: '#dc3545', weight: 3, fillOpacity: 0.4, dashArray: '4 3' },
};

async function drawMap(element) {
  const response = await fetch(element.dataset.parcelMap, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } });
  if (!response.ok) {
    element.textContent = '地图数据加载失败。';
    return;
  }
  const data = await response.json();
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  const layer = L.geoJSON(data, {
    style: (feature) => (feature.properties.hasError ? styles.error : styles[feature.properties.zone] ?? styles.Demolition),
    onEachFeature: (feature, shape) => {
      const p = feature.properties;
      const label = document.createElement('div');
      label.textContent = `${p.code} ${p.name ?? ''}`;
      const area = document.createElement('div');
      area.textContent = p.areaText ?? '';
      const popup = document.createElement('div');
      popup.append(label, area);
      shape.bindPopup(popup);
      shape.bindTooltip(String(p.code), { sticky: true });
    },
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [16, 16] });
  } else {
    map.setView([35, 105], 4);
  }
  L.control.scale({ imperial: false }).addTo(map);
  element.dataset.mapReady = String(data.features.length);
}

for (const element of document.querySelectorAll('[data-parcel-map]')) {
  drawMap(element).catch(() => { element.textContent = '地图加载失败。'; });
}
