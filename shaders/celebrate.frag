#version 330 core
// A milestone's moment: the theme's paper colour warmed by a soft light that blooms from behind
// the words and fades, with a few slow motes of light drifting up through it. u_phase runs 0..1
// over the moment (computed on the CPU from when it began); u_glow is its envelope, 0 at both
// ends, so the moment starts and ends on the plain paper colour with no jump.
in vec2 v_uv;
out vec4 frag_color;

uniform vec2 u_resolution;
uniform vec2 u_centre;  // in pixels, origin bottom-left
uniform float u_phase;
uniform float u_glow;
uniform vec3 u_base;
uniform vec3 u_warm;
uniform vec3 u_light;

float hash(float n) { return fract(sin(n) * 43758.5453123); }

void main() {
    float unit = min(u_resolution.x, u_resolution.y);
    vec2 p = (gl_FragCoord.xy - u_centre) / unit;

    // The bloom: wide and warm, a little taller than wide, growing gently over the moment.
    float radius = 0.32 + 0.10 * u_phase;
    float bloom = exp(-dot(p * vec2(1.0, 0.8), p * vec2(1.0, 0.8)) / (radius * radius));
    vec3 colour = mix(u_base, u_warm, 0.55 * u_glow * bloom);
    colour = mix(colour, u_light, 0.35 * u_glow * bloom * bloom);

    // Motes: fourteen soft points rising slowly, each on its own path and size.
    float motes = 0.0;
    for (int i = 0; i < 14; ++i) {
        float f = float(i);
        float x = (hash(f * 3.1) - 0.5) * 1.3;
        float rise = -0.55 + fract(hash(f * 7.7) + u_phase * (0.18 + 0.12 * hash(f * 1.9))) * 1.1;
        vec2 m = vec2(x + 0.03 * sin(6.2831 * (u_phase + hash(f))), rise);
        float size = 0.006 + 0.008 * hash(f * 5.3);
        motes += exp(-dot(p - m, p - m) / (size * size));
    }
    colour = mix(colour, u_light, clamp(motes, 0.0, 1.0) * 0.7 * u_glow);

    float noise = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
    colour += (noise - 0.5) / 255.0;
    frag_color = vec4(colour, 1.0);
}
