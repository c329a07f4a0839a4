#version 330 core
// Candor's calm background: the theme's paper colour with two soft, slowly drifting washes of
// the accent colours. u_time only advances while the window is focused and in use, so the
// picture is still when the app is idle.
in vec2 v_uv;
out vec4 frag_color;

uniform vec2 u_resolution;
uniform float u_time;
uniform vec3 u_base;
uniform vec3 u_wash_a;
uniform vec3 u_wash_b;
uniform float u_strength;

float soft_blob(vec2 p, vec2 centre, float radius) {
    float d = length(p - centre);
    return 1.0 - smoothstep(0.0, radius, d);
}

void main() {
    float aspect = u_resolution.x / max(u_resolution.y, 1.0);
    vec2 p = vec2(v_uv.x * aspect, v_uv.y);
    float t = u_time * 0.06;

    vec2 a = vec2(aspect * (0.78 + 0.06 * sin(t * 1.1)), 0.92 + 0.05 * cos(t * 0.9));
    vec2 b = vec2(aspect * (0.30 + 0.05 * cos(t * 0.7)), 0.08 + 0.04 * sin(t * 1.3));

    vec3 colour = u_base;
    colour = mix(colour, u_wash_a, u_strength * soft_blob(p, a, 0.85));
    colour = mix(colour, u_wash_b, 0.8 * u_strength * soft_blob(p, b, 0.75));

    // A little ordered noise hides banding in the wide, gentle gradients.
    float noise = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
    colour += (noise - 0.5) / 255.0;
    frag_color = vec4(colour, 1.0);
}
