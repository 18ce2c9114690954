// Draws parcels on a Leaflet map. An ES module: interactive pages import it through JS interop, call
// createParcelMap(element, url) after their first render and dispose() the returned map when they go away.
// Pages still rendered statically load it with <script type="module"> and mark their element with
// data-parcel-map="<GeoJSON URL>"; those are drawn on load.
// No base tiles: county intranets usually cannot reach a tile server, and the parcels are what matters here.
// The page works without this script (the parcel table shows everything); the map only adds the picture.
const styles = {
  Demolition: { color: '#b02a37', weight: 1.5, fillOpacity: 0.25 },
  Construction: { color: '#0d6efd', weight: 1.5, fillOpacity: 0.25 },
  error: { color: '#dc3545', weight: 3, fillOpacity: 0.4, dashArray: '4 3' },
};

let leaflet;

// Leaflet is a classic script (it defines the global L); it is loaded from this site once, when a map is first drawn.
function loadLeaflet() {
  if (window.L) {
    return Promise.resolve(window.L);
  }
  leaflet ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('../lib/leaflet/leaflet.js', import.meta.url).href;
    script.onload = () => resolve(window.L);
    script.onerror = () => { leaflet = undefined; reject(new Error('leaflet')); };
    document.head.append(script);
  });
  return leaflet;
}

async function drawMap(element, url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } });
  if (!response.ok) {
    element.textContent = '地图数据加载失败。';
    return null;
  }
  const data = await response.json();
  const L = await loadLeaflet();
  if (!element.isConnected) {
    return null; // the page went away meanwhile
  }
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
  return map;
}

/** Draws the parcels of `url` into `element`; the result's dispose() removes the map (and stops a draw in flight). */
export function createParcelMap(element, url) {
  let disposed = false;
  let map = null;
  drawMap(element, url)
    .then((drawn) => {
      map = drawn;
      if (disposed && map) {
        map.remove();
      }
    })
    .catch(() => { element.textContent = '地图加载失败。'; });
  return {
    dispose() {
      disposed = true;
      if (map) {
        map.remove();
        map = null;
      }
    },
  };
}

for (const element of document.querySelectorAll('[data-parcel-map]')) {
  createParcelMap(element, element.dataset.parcelMap);
}
